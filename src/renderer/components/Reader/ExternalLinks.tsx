/**
 * The digest's links out of the vault, grouped by site (shared/link-site.ts:
 * the same sites the index, the site: operator and the Sources facet use),
 * sites with the most links first. Each URL once, in document order.
 */
import { useMemo } from 'react';
import type { Digest } from '../../../shared/api.js';
import { siteOf } from '../../../shared/link-site.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ExternalAnchor } from './ExternalAnchor.js';

interface SiteGroup {
  site: string;
  links: { href: string; text: string }[];
}

/** The digest's http(s) links grouped by site. */
export function linksBySite(links: Digest['links']): SiteGroup[] {
  const groups = new Map<string, SiteGroup>();
  const seen = new Set<string>();
  for (const link of links) {
    const site = link.external ? siteOf(link.href) : null;
    if (site === null || seen.has(link.href)) continue;
    seen.add(link.href);
    let group = groups.get(site);
    if (!group) groups.set(site, (group = { site, links: [] }));
    group.links.push({ href: link.href, text: link.text });
  }
  return [...groups.values()].sort((a, b) => b.links.length - a.links.length || (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
}

export interface ExternalLinksProps {
  digest: Digest;
  externalInNewTab: boolean;
  onExternal: (url: string) => void;
}

export function ExternalLinks({ digest, externalInNewTab, onExternal }: ExternalLinksProps) {
  const { t } = useI18n();
  const groups = useMemo(() => linksBySite(digest.links), [digest.links]);
  if (groups.length === 0) return null;
  const total = groups.reduce((n, g) => n + g.links.length, 0);
  return (
    <details className="reader-links">
      <summary>{t('linksOut', { count: total, sites: groups.length })}</summary>
      <ul className="reader-link-sites">
        {groups.map((g) => (
          <li key={g.site}>
            <span className="reader-link-site">{g.site}</span> <span className="muted">{g.links.length}</span>
            <ul>
              {g.links.map((l) => (
                <li key={l.href}>
                  <ExternalAnchor href={l.href} title={l.href} className="md-link-external" newTab={externalInNewTab} onExternal={onExternal}>
                    {l.text || l.href}
                  </ExternalAnchor>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </details>
  );
}
