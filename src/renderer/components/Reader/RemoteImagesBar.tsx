/**
 * The reader's notice about a digest's remote images: they are not loaded
 * (a remote image tells its server that the digest is being read) until the
 * user asks for this digest, or turns on the vault's setting to always load
 * them. Shown only for a digest that has https: images.
 */
import type { Digest } from '../../../shared/api.js';
import type { RemoteImages } from '../../hooks/useRemoteImages.js';
import { useI18n } from '../../i18n/I18nContext.js';

export function RemoteImagesBar({ digest, remote }: { digest: Digest; remote: RemoteImages }) {
  const { t } = useI18n();
  const count = (digest.images ?? []).filter((i) => i.kind === 'remote').length;
  if (count === 0) return null;
  const shown = remote.shows(digest.path);
  return (
    <div className="remote-images-bar" role="region" aria-label={t('remoteImages')}>
      <span>{shown ? t('remoteImagesShown', { count }) : t('remoteImagesOff', { count })}</span>
      {!shown && (
        <button type="button" className="btn" onClick={() => remote.load(digest.path)}>
          {t('loadRemoteImages')}
        </button>
      )}
      <label className="remote-images-always">
        <input type="checkbox" checked={remote.always} onChange={(e) => remote.setAlways(e.target.checked)} />
        {t('remoteImagesAlways')}
      </label>
    </div>
  );
}
