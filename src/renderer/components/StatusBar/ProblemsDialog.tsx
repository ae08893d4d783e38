import { useEffect, useState } from 'react';
import type { VaultStatus } from '../../../shared/api.js';
import { useClient } from '../../api/ClientContext.js';
import { fileProblemMessage } from '../../i18n/describe.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { Dialog } from '../Dialog/Dialog.js';

/**
 * The paths of the digests without a date, read (listDigests) while the
 * dialog is open, again after each index run; empty until they arrive.
 */
function useUndatedDigests(open: boolean, indexedAt: string | null): string[] {
  const { api } = useClient();
  const [undated, setUndated] = useState<string[]>([]);
  useEffect(() => {
    if (!open) return;
    let current = true;
    api.listDigests().then(
      (entries) => current && setUndated(entries.filter((e) => e.date === null).map((e) => e.path)),
      () => current && setUndated([]),
    );
    return () => {
      current = false;
    };
  }, [api, open, indexedAt]);
  return undated;
}

/**
 * Files that were skipped or indexed with warnings, with the reason for each
 * (a skipped file's in the UI's language, from its code), and the digests without a date.
 */
export function ProblemsDialog({ open, onClose, status }: { open: boolean; onClose: () => void; status: VaultStatus | null }) {
  const { t } = useI18n();
  const skipped = status?.skipped ?? [];
  const warnings = status?.warnings ?? [];
  const undated = useUndatedDigests(open, status?.lastIndexedAt ?? null);
  return (
    <Dialog open={open} onClose={onClose} title={t('problemsTitle')} wide>
      <p className="muted problems-intro">{t('problemsIntro')}</p>
      {skipped.length + warnings.length === 0 ? (
        <p>{t('noProblems')}</p>
      ) : (
        <ul className="problems-list">
          {skipped.map((s) => (
            <li key={`s:${s.path}:${s.reason}`}>
              <span className="problem-kind skipped">{t('skipped')}</span>
              <code className="problem-path">{s.path}</code>
              <span className="problem-reason" lang={s.code === 'other' ? 'en' : undefined}>
                {fileProblemMessage(t, s)}
              </span>
            </li>
          ))}
          {warnings.map((w, i) => (
            <li key={`w:${w.path}:${i}`}>
              <span className="problem-kind warning">{t('warning')}</span>
              <code className="problem-path">{w.path}</code>
              <span className="problem-reason">{w.message}</span>
            </li>
          ))}
        </ul>
      )}
      {undated.length > 0 && (
        <section aria-labelledby="undated-digests">
          <h3 id="undated-digests">{t('undatedDigests', { count: undated.length })}</h3>
          <p className="muted problems-intro">{t('undatedIntro')}</p>
          <ul className="problems-list undated-list">
            {undated.map((p) => (
              <li key={p}>
                <code className="problem-path">{p}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Dialog>
  );
}
