/**
 * A link's site and its key: the one reading of an external URL that the
 * index (links as data), the site:/link: operators, the Sources facet and
 * the reader's list of links share, so they always agree.
 *
 * - site: the host, lower case, as the URL parser writes it (IDN as
 *   punycode), without a trailing dot, a port or a leading "www.":
 *   `https://WWW.Example.com:8080/x` -> `example.com`.
 * - key: site + path + query, without the scheme, the fragment, a trailing
 *   "/" and tracking parameters (utm_*, fbclid...), lower case, at most
 *   LINK_KEY_MAX characters: `https://github.com/OpenAI/whisper/?utm_source=x#readme`
 *   -> `github.com/openai/whisper`. Only http: and https: links have one.
 */

/** Longest link key kept (a longer URL is cut; a link: prefix longer than this is cut the same way). */
export const LINK_KEY_MAX = 200;

const TRACKING_PARAMS = /^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref_src)$/i;

function parseWebUrl(href: string): URL | null {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return null;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : null;
}

/** A host as sites are compared: lower case, no trailing dot, no leading "www.". */
export function normalizeSite(host: string): string {
  return host.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

/** The site of an http(s) URL, or null for any other link. */
export function siteOf(href: string): string | null {
  const url = parseWebUrl(href);
  return url === null ? null : normalizeSite(url.hostname);
}

function keyOfUrl(url: URL): string {
  for (const name of [...url.searchParams.keys()]) if (TRACKING_PARAMS.test(name)) url.searchParams.delete(name);
  const query = url.searchParams.size > 0 ? url.search : '';
  const path = url.pathname === '/' && query === '' ? '' : url.pathname;
  return `${normalizeSite(url.hostname)}${path}${query}`.replace(/\/+$/, '').toLowerCase().slice(0, LINK_KEY_MAX);
}

/** The key of an http(s) URL (see the module comment), or null for any other link. */
export function linkKeyOf(href: string): string | null {
  const url = parseWebUrl(href);
  return url === null ? null : keyOfUrl(url);
}

/** siteOf and linkKeyOf of one href, parsing it once (the indexer reads every link of a vault). */
export function siteAndKeyOf(href: string): { site: string; key: string } | null {
  const url = parseWebUrl(href);
  return url === null ? null : { site: normalizeSite(url.hostname), key: keyOfUrl(url) };
}

/**
 * What a `link:` value asks for, read like a link key: `link:https://github.com/openai/`
 * -> { prefix: 'github.com/openai', folder: true }. `folder` (the value ended
 * with "/" or named only a site): the key itself or anything below it, so
 * `link:github.com/openai/` leaves out github.com/openai-cookbook; otherwise
 * any key that starts with the prefix. Null when the value names no site.
 */
export function linkPrefixOf(value: string): { prefix: string; folder: boolean } | null {
  const trimmed = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed.replace(/^\/+/, '')}`;
  const key = linkKeyOf(withScheme);
  if (key === null || !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(siteOf(withScheme) ?? '')) return null;
  const url = new URL(withScheme);
  const folder = trimmed.endsWith('/') || (url.pathname === '/' && url.search === '');
  return { prefix: key, folder };
}

/** What a `site:` value asks for (`site:https://www.arXiv.org/` -> arxiv.org), or null when it names no host. */
export function siteQueryOf(value: string): string | null {
  const prefix = linkPrefixOf(value);
  return prefix === null ? null : (siteOf(`https://${prefix.prefix}`) ?? null);
}
