/**
 * Digest Markdown -> React, safely: remark-gfm for tables and lists, no raw
 * HTML (it is dropped, never parsed), a strict sanitize schema, URLs limited to
 * http/https/mailto/relative, images as ImageView draws them (vault images from
 * the adapter's route, remote ones only when allowed), and query terms
 * highlighted in text.
 *
 * What react-markdown cannot draw is shown as plain text (PlainDigest), with a
 * notice: a very large digest, one nested deeper than MAX_MARKDOWN_NESTING or
 * with more emphasis and link markers than micromark pairs in reasonable time
 * (both measured before parsing: 10,000 nested list items take react-markdown
 * a minute and then overflow its stack), and, behind an error boundary, any
 * digest on which rendering still throws.
 */
import { memo, useMemo, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import type { Digest, LinkInfo } from '../../../shared/api.js';
import { readerPlainReason } from '../../../shared/reader-markdown.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { markdownUrlKey, isExternalUrl, isFragment, safeUrl } from '../../../shared/url-policy.js';
import { rehypeHighlightTerms } from './rehype-highlight-terms.js';
import { rehypeSplitLongText } from '../../../shared/long-text.js';
import { DIGEST_SCHEMA } from './sanitize-schema.js';
import { ErrorBoundary } from '../ErrorBoundary/ErrorBoundary.js';
import { ExternalAnchor } from './ExternalAnchor.js';
import { ImageView } from './ImageView.js';
import { PlainDigest, type PlainReason } from './PlainDigest.js';
import { SectionHeading } from './SectionHeading.js';
import { sectionLocator } from './sections.js';

export interface DigestMarkdownProps {
  digest: Digest;
  terms: readonly string[];
  onOpenDigest: (path: string) => void;
  onExternal: (url: string) => void;
  /** Desktop hands external links to the OS; the web opens a new tab. */
  externalInNewTab: boolean;
  /** Draw the digest's remote (https:) images: the user allowed them (hooks/useRemoteImages.ts). Default false. */
  showRemoteImages?: boolean;
}

const urlTransform = (url: string) => safeUrl(url);

const PLAIN_REASONS = { size: 'digestShownAsPlainText', nesting: 'digestTooDeep', delimiters: 'digestTooManyMarkers' } as const satisfies Record<string, PlainReason>;

/** Why `markdown` must be shown as plain text, or null: the same limits as the HTML export (core/export/markdown-text.ts). */
function plainReason(markdown: string): PlainReason | null {
  const reason = readerPlainReason(markdown);
  return reason === null ? null : PLAIN_REASONS[reason];
}

export const DigestMarkdown = memo(function DigestMarkdown(props: DigestMarkdownProps) {
  const { digest } = props;
  const reason = useMemo(() => plainReason(digest.markdown), [digest.markdown]);
  if (reason) return <PlainDigest digest={digest} reason={reason} />;
  return (
    <ErrorBoundary resetKeys={[digest, props.terms]} fallback={() => <PlainDigest digest={digest} reason="digestRenderFailed" />}>
      <RichMarkdown {...props} />
    </ErrorBoundary>
  );
});

function RichMarkdown({ digest, terms, onOpenDigest, onExternal, externalInNewTab, showRemoteImages = false }: DigestMarkdownProps) {
  const { t } = useI18n();
  const linksByHref = useMemo(() => {
    const map = new Map<string, LinkInfo>();
    // Keyed as markdownUrlKey reads them: the reader gets hrefs percent-encoded (a link to `周报二.md` or `<a b.md>`), the index kept them raw.
    for (const link of digest.links) {
      const key = markdownUrlKey(link.href);
      if (!map.has(key)) map.set(key, link);
    }
    return map;
  }, [digest.links]);

  const locate = useMemo(() => sectionLocator(digest.sections), [digest.sections]);
  const imagesByKey = useMemo(() => new Map((digest.images ?? []).map((image) => [markdownUrlKey(image.src), image])), [digest.images]);

  const components = useMemo<Components>(() => {
    const heading =
      (Tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6') =>
      ({ node, children }: { node?: { position?: { start: { offset?: number } } }; children?: ReactNode }) => (
        <SectionHeading digest={digest} section={locate(node?.position?.start.offset)} Tag={Tag}>
          {children}
        </SectionHeading>
      );
    return {
      h1: heading('h1'),
      h2: heading('h2'),
      h3: heading('h3'),
      h4: heading('h4'),
      h5: heading('h5'),
      h6: heading('h6'),
      a: ({ href, children, title }) => {
        const url = href ?? '';
        if (!url) return <span className="md-link-dropped">{children}</span>;
        const info = linksByHref.get(markdownUrlKey(url));
        if (isExternalUrl(url)) {
          return (
            <ExternalAnchor href={url} title={title ?? url} className="md-link-external" newTab={externalInNewTab} onExternal={onExternal}>
              {children}
            </ExternalAnchor>
          );
        }
        if (isFragment(url)) {
          return (
            <a href={url} onClick={(e) => e.preventDefault()}>
              {children}
            </a>
          );
        }
        if (info?.target) {
          const target = info.target;
          return (
            <a
              href={url}
              className="md-link-internal"
              title={target}
              onClick={(e) => {
                e.preventDefault();
                onOpenDigest(target);
              }}
            >
              {children}
            </a>
          );
        }
        if (!info?.broken) {
          // A vault file that is not a digest (a PDF, an image): shown, but it must not navigate the app page.
          return (
            <a href={url} className="md-link-local" title={url} onClick={(e) => e.preventDefault()}>
              {children}
            </a>
          );
        }
        // A relative link to a missing file: never let it navigate the app page.
        return (
          <a
            href={url}
            className="md-link-broken"
            title={t('brokenLink')}
            aria-disabled="true"
            onClick={(e) => e.preventDefault()}
          >
            {children}
            <span className="visually-hidden"> ({t('brokenLink')})</span>
          </a>
        );
      },
      img: ({ src, alt, title }) => {
        const url = typeof src === 'string' ? src : '';
        return (
          <ImageView
            src={url}
            alt={alt ?? ''}
            title={title}
            image={imagesByKey.get(markdownUrlKey(url))}
            showRemote={showRemoteImages}
            externalInNewTab={externalInNewTab}
            onExternal={onExternal}
          />
        );
      },
      table: ({ children }) => (
        <div className="md-table-wrap">
          <table>{children}</table>
        </div>
      ),
    };
  }, [digest, locate, linksByHref, imagesByKey, showRemoteImages, externalInNewTab, onExternal, onOpenDigest, t]);

  const rehypePlugins = useMemo(
    () => [[rehypeSanitize, DIGEST_SCHEMA], [rehypeHighlightTerms, { terms }], rehypeSplitLongText] as NonNullable<Parameters<typeof Markdown>[0]['rehypePlugins']>,
    [terms],
  );

  return (
    <div className="md">
      <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={rehypePlugins} components={components} urlTransform={urlTransform} skipHtml>
        {digest.markdown}
      </Markdown>
    </div>
  );
}
