/**
 * The vault popover: where the index comes from, re-index, and (desktop only)
 * opening another vault or a recent one. Web mode serves a single vault, so it
 * explains how to serve another instead of offering a dialog it cannot show.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { RecentVault, VaultStatus } from '../../../shared/api.js';
import { useClient } from '../../api/ClientContext.js';
import { useDismiss } from '../../hooks/useDismiss.js';
import { errorText } from '../../i18n/describe.js';
import { useI18n } from '../../i18n/I18nContext.js';

export interface VaultMenuProps {
  status: VaultStatus | null;
  indexing: boolean;
  onReindex: () => void;
  onOpened: (status: VaultStatus) => void;
  onError: (message: string) => void;
}

export function VaultMenu({ status, indexing, onReindex, onOpened, onError }: VaultMenuProps) {
  const { t } = useI18n();
  const { api, kind } = useClient();
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<RecentVault[]>([]);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  const close = useCallback((reason: 'escape' | 'outside') => {
    setOpen(false);
    if (reason === 'escape') buttonRef.current?.focus();
  }, []);
  useDismiss(open, wrapRef, close);

  useEffect(() => {
    if (!open || kind !== 'desktop') return;
    api.recentVaults().then(setRecent, () => setRecent([]));
  }, [open, api, kind]);

  const openVault = (path?: string) => {
    setOpen(false);
    api.openVault(path).then(onOpened, (err: unknown) => onError(errorText(t, err)));
  };

  return (
    <div className="vault-menu" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className="btn"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        title={status?.vaultPath}
      >
        <span aria-hidden="true">▤</span> <span className="vault-menu-name">{status?.vaultName ?? t('vault')}</span>
      </button>
      {open && (
        <div className="popover vault-pop" id={menuId} role="group" aria-label={t('vaultMenu')}>
          <div className="vault-pop-path">
            <strong>{status?.vaultName}</strong>
            <code>{status?.vaultPath}</code>
          </div>
          <div className="vault-pop-actions">
            <button type="button" className="btn" disabled={indexing} onClick={() => (setOpen(false), onReindex())}>
              ↻ {t('reindex')}
            </button>
            {kind === 'desktop' && (
              <button type="button" className="btn btn-primary" onClick={() => openVault()}>
                {t('openVault')}
              </button>
            )}
          </div>
          {kind === 'desktop' && recent.length > 0 && (
            <>
              <h3 className="vault-pop-heading">{t('recentVaults')}</h3>
              <ul className="vault-pop-recent">
                {recent.map((v) => (
                  <li key={v.path}>
                    <button type="button" onClick={() => openVault(v.path)} title={v.path}>
                      <span>{v.name}</span>
                      <code>{v.path}</code>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {kind === 'web' && <p className="muted vault-pop-note">{t('webVaultNote')}</p>}
        </div>
      )}
    </div>
  );
}
