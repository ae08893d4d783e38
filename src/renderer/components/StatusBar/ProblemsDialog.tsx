import type { VaultStatus } from '../../../shared/api.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { Dialog } from '../Dialog/Dialog.js';

/** Files that were skipped or indexed with warnings, with the reason for each. */
export function ProblemsDialog({ open, onClose, status }: { open: boolean; onClose: () => void; status: VaultStatus | null }) {
  const { t } = useI18n();
  const skipped = status?.skipped ?? [];
  const warnings = status?.warnings ?? [];
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
              <span className="problem-reason">{s.reason}</span>
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
    </Dialog>
  );
}
