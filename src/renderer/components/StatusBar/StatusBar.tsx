/** Vault path, counts, index state (with a progress bar while indexing) and the problems button. */
import { useState } from 'react';
import type { IndexProgress, VaultStatus } from '../../../shared/api.js';
import type { MessageKey } from '../../i18n/en.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ProblemsDialog } from './ProblemsDialog.js';
import './StatusBar.css';

export interface StatusBarProps {
  status: VaultStatus | null;
  progress: IndexProgress | null;
  error: string | null;
  formatNumber: (n: number) => string;
}

export function StatusBar({ status, progress, error, formatNumber }: StatusBarProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const problems = (status?.skipped.length ?? 0) + (status?.warnings.length ?? 0);
  const indexing = status?.state === 'indexing' || progress !== null;
  let stateText: string;
  if (indexing) {
    stateText = progress
      ? t('indexProgress', { phase: t(`phase_${progress.phase}` as MessageKey), done: formatNumber(progress.done), total: formatNumber(progress.total) })
      : t('indexIndexing');
  } else if (error || status?.state === 'error') {
    stateText = t('indexError', { message: error ?? status?.error ?? '' });
  } else if (status?.state === 'missing') {
    stateText = t('indexMissing');
  } else {
    stateText = t('indexIdle');
  }
  return (
    <footer className="statusbar">
      <span className="statusbar-vault" title={status?.vaultPath}>
        {status?.isSample && <span className="statusbar-sample">{t('sampleVault')}</span>}
        {status?.vaultPath ?? '…'}
      </span>
      {status && (
        <span className="statusbar-counts">
          {t('digestsCount', { count: status.digests, n: formatNumber(status.digests) })} · {t('sectionsCount', { count: status.sections, n: formatNumber(status.sections) })}
        </span>
      )}
      <span className={`statusbar-state${error || status?.state === 'error' ? ' error' : ''}`} role="status" title={progress?.currentFile ?? undefined}>
        {stateText}
        {indexing && (
          <progress
            className="statusbar-progress"
            aria-label={t('indexIndexing')}
            max={progress && progress.total > 0 ? progress.total : undefined}
            value={progress && progress.total > 0 ? progress.done : undefined}
          />
        )}
      </span>
      <button
        type="button"
        className={`btn btn-ghost statusbar-problems${problems > 0 ? ' has-problems' : ''}`}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        {problems > 0 ? `⚠ ${t('problems', { count: problems })}` : t('noProblems')}
      </button>
      <ProblemsDialog open={open} onClose={() => setOpen(false)} status={status} />
    </footer>
  );
}
