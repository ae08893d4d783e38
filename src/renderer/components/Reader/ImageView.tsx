/**
 * One image of a digest in the reader (what kind of source it is:
 * shared/url-policy.ts imageSourceKind):
 * - a vault image found by the service: drawn from the adapter's image route,
 *   lazily, with the width and height its header states, so its box is
 *   reserved and the text below never moves while scrolling;
 * - a vault image not found or refused: a marked placeholder naming the path;
 * - a remote https: image: drawn only when the user allowed remote images
 *   (for this digest or the vault), without a referrer; else a placeholder
 *   with a link to it;
 * - anything else (http:, file:, javascript:, data: documents): a placeholder,
 *   never loaded.
 */
import { useState } from 'react';
import type { DigestImage } from '../../../shared/api.js';
import { imageSourceKind, isExternalUrl } from '../../../shared/url-policy.js';
import type { MessageKey } from '../../i18n/en.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ExternalAnchor } from './ExternalAnchor.js';

export interface ImageViewProps {
  src: string;
  alt: string;
  title?: string;
  /** What the service found for this source (absent: it did not list it). */
  image: DigestImage | undefined;
  /** Remote images are allowed for this digest. */
  showRemote: boolean;
  externalInNewTab: boolean;
  onExternal: (url: string) => void;
}

const PROBLEM_TEXT: Record<NonNullable<DigestImage['problem']>, MessageKey> = {
  missing: 'imageMissing',
  'bad-path': 'imageOutsideVault',
  'not-an-image': 'imageNotAnImage',
  'too-large': 'imageTooLarge',
};

export function ImageView({ src, alt, title, image, showRemote, externalInNewTab, onExternal }: ImageViewProps) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const kind = imageSourceKind(src);
  if (kind === 'local' && image?.url && !failed) {
    return (
      <img
        className="md-image"
        src={image.url}
        alt={alt}
        title={title}
        width={image.width}
        height={image.height}
        loading="lazy"
        decoding="async"
        onError={() => setFailed(true)}
      />
    );
  }
  if (kind === 'local') {
    const key = failed ? 'imageMissing' : PROBLEM_TEXT[image?.problem ?? 'missing'];
    return <Placeholder className="md-image-missing" label={t(key, { path: src })} />;
  }
  if (kind === 'remote' && showRemote && !failed) {
    return <img className="md-image md-image-remote" src={src} alt={alt} title={title} loading="lazy" decoding="async" referrerPolicy="no-referrer" onError={() => setFailed(true)} />;
  }
  const label = kind === 'remote' ? t('imageRemote', { alt: alt || '—' }) : t('imageBlocked', { alt: alt || '—' });
  return (
    <Placeholder className={kind === 'remote' ? 'md-image-remote-off' : 'md-image-blocked'} label={label}>
      {src && isExternalUrl(src) && (
        <>
          {' '}
          <ExternalAnchor href={src} newTab={externalInNewTab} onExternal={onExternal}>
            {src}
          </ExternalAnchor>
        </>
      )}
    </Placeholder>
  );
}

function Placeholder({ className, label, children }: { className: string; label: string; children?: React.ReactNode }) {
  return (
    <span className={`md-image-placeholder ${className}`} role="img" aria-label={label}>
      <ImageIcon /> <span>{label}</span>
      {children}
    </span>
  );
}

function ImageIcon() {
  return (
    <svg className="md-image-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" />
      <circle cx="5.5" cy="6" r="1.3" fill="currentColor" />
      <path d="M2.5 12.5l4-4 3 3 2-2 2.5 3" fill="none" stroke="currentColor" />
    </svg>
  );
}
