/**
 * Links: collecting them from a digest's mdast, and resolving an href to what
 * it points at. resolveHref() is pure and shared by the parser
 * and the store (with digestKey() from vault/paths.ts), so both sides of a link are computed by the same functions.
 */
import type { Definition, Nodes, Root } from 'mdast';
import type { ParsedLink } from '../types.js';
import { digestKey } from '../vault/paths.js';
import { inlineText } from './plain-text.js';

export type ResolvedHref =
  | { kind: 'external'; url: string; scheme: string }
  | { kind: 'internal'; key: string; path: string; anchor: string | null }
  | { kind: 'anchor'; anchor: string }
  | { kind: 'invalid'; reason: string };


/**
 * Schemes that are never followed: they run code, embed content or reach the
 * local machine outside the vault.
 */
const BLOCKED_SCHEMES = new Set([
  'javascript',
  'vbscript',
  'data',
  'file',
  'blob',
  'about',
  'filesystem',
  'view-source',
  'chrome',
  'chrome-extension',
]);

const SCHEME_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
// Browsers ignore these inside a URL ("java\tscript:"), so scheme checks must too.
const URL_IGNORED_RE = /[\t\n\r]/g;
const LEADING_CONTROL_RE = /^[\u0000-\u0020]+/;

/**
 * What an href in the file `fromPath` (vault-relative, POSIX) points at:
 * - "#anchor" -> an anchor in the same digest;
 * - "http:", "https:", "mailto:" and other schemes, and "//host/..." -> external
 *   (the scheme recorded, lower-case; protocol-relative URLs become https);
 * - "javascript:", "data:", "file:" and the like -> invalid, never clickable;
 * - anything else is a vault path: relative to the linking file's folder, or to the
 *   vault root when it starts with "/"; percent-decoded; "?query" dropped; "#anchor"
 *   kept apart; a trailing "/" removed. `key` is the path without .md/.markdown, so
 *   "../weekly_news/news_2026_06" from "weekly/2026-02-06.md" has key
 *   "weekly_news/news_2026_06". A path that climbs above the vault root is invalid.
 */
export function resolveHref(fromPath: string, href: string): ResolvedHref {
  const h = href.replace(LEADING_CONTROL_RE, '').replace(URL_IGNORED_RE, '').trimEnd();
  if (h === '') return { kind: 'invalid', reason: 'empty link' };
  if (h.startsWith('#')) {
    const anchor = decode(h.slice(1));
    return anchor === null ? { kind: 'invalid', reason: `malformed percent-encoding in '${href}'` } : { kind: 'anchor', anchor };
  }
  if (h.startsWith('//') || h.startsWith('\\\\')) {
    return { kind: 'external', url: `https:${h.replace(/\\/g, '/')}`, scheme: 'https' };
  }
  const scheme = SCHEME_RE.exec(h)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (scheme.length === 1) return { kind: 'invalid', reason: `absolute file path '${href}' is not a vault link` };
    if (BLOCKED_SCHEMES.has(scheme)) return { kind: 'invalid', reason: `'${scheme}:' links are not followed` };
    return { kind: 'external', url: h, scheme };
  }
  return resolveVaultPath(fromPath, h, href);
}

function resolveVaultPath(fromPath: string, h: string, href: string): ResolvedHref {
  const hash = h.indexOf('#');
  const beforeHash = hash === -1 ? h : h.slice(0, hash);
  const query = beforeHash.indexOf('?');
  const rawPath = query === -1 ? beforeHash : beforeHash.slice(0, query);
  const decodedPath = decode(rawPath);
  const anchor = hash === -1 ? null : decode(h.slice(hash + 1));
  if (decodedPath === null || (hash !== -1 && anchor === null)) {
    return { kind: 'invalid', reason: `malformed percent-encoding in '${href}'` };
  }
  if (decodedPath.includes('\0')) return { kind: 'invalid', reason: `NUL character in '${href}'` };
  if (decodedPath === '') {
    // "?x" or "?x#y": the same digest.
    return anchor === null ? { kind: 'invalid', reason: `'${href}' names no file` } : { kind: 'anchor', anchor };
  }
  // Windows authors sometimes write backslashes; treating them as separators also keeps
  // "..\\" from slipping past the root check.
  const target = decodedPath.replace(/\\/g, '/');
  const segments = target.startsWith('/') ? [] : fromPath.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (segments.length === 0) return { kind: 'invalid', reason: `'${href}' leaves the vault` };
      segments.pop();
    } else {
      segments.push(seg);
    }
  }
  if (segments.length === 0) return { kind: 'invalid', reason: `'${href}' points at the vault folder, not a file` };
  const path = segments.join('/');
  return { kind: 'internal', key: digestKey(path), path, anchor };
}

function decode(s: string): string | null {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * Every link of a digest in document order: inline, autolinks (also GFM's bare
 * www./email literals) and reference-style links resolved through their
 * definitions (the first definition of a label wins, as in CommonMark).
 * Images are not links. `sectionOfChild` maps each top-level node to its section.
 */
export function collectLinks(root: Root, sectionOfChild: readonly number[]): ParsedLink[] {
  const definitions = new Map<string, Definition>();
  const found: { href: string | null; identifier: string; text: string; section: number }[] = [];
  root.children.forEach((child, index) => {
    const section = sectionOfChild[index] ?? 0;
    const stack: Nodes[] = [child];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'link') {
        found.push({ href: n.url, identifier: '', text: inlineText(n).trim(), section });
      } else if (n.type === 'linkReference') {
        found.push({ href: null, identifier: n.identifier, text: inlineText(n).trim(), section });
      } else if (n.type === 'definition') {
        if (!definitions.has(n.identifier)) definitions.set(n.identifier, n);
      } else if ('children' in n) {
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
      }
    }
  });
  const links: ParsedLink[] = [];
  for (const f of found) {
    const href = f.href ?? definitions.get(f.identifier)?.url;
    if (href !== undefined) links.push({ href, text: f.text, section: f.section });
  }
  return links;
}
