/**
 * GFM autolink literals (bare `https://…`, `www.…`, emails, `mailto:`/`xmpp:`)
 * found in a run of plain text, the way remark-gfm finds them: the same four
 * expressions as mdast-util-gfm-autolink-literal, applied in the same order,
 * each pass only to the text left between the links of the passes before it,
 * with the same checks on the character before a match, the domain, and
 * trailing punctuation. Used by the fast indexing parse so that both engines
 * report the same links.
 */
import { isUnicodePunctuation, isUnicodeWhitespace } from './char-class.js';

export interface LiteralLink {
  url: string;
  text: string;
}

type Finder = (groups: string[], input: string, index: number) => { link: LiteralLink; trail: string } | null;

function previousAllowed(input: string, index: number): boolean {
  if (index === 0) return true;
  const code = input.charCodeAt(index - 1);
  return isUnicodeWhitespace(code) || isUnicodePunctuation(code);
}

function isCorrectDomain(domain: string): boolean {
  const parts = domain.split('.');
  const last = parts[parts.length - 1];
  const beforeLast = parts[parts.length - 2];
  return !(
    parts.length < 2 ||
    (last && (/_/.test(last) || !/[\dA-Za-z]/.test(last))) ||
    (beforeLast && (/_/.test(beforeLast) || !/[\dA-Za-z]/.test(beforeLast)))
  );
}

// ! " & ' ) , . : ; < > ? ] }
const TRAILING = new Set([33, 34, 38, 39, 41, 44, 46, 58, 59, 60, 62, 63, 93, 125]);

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** Splits trailing punctuation off a URL, keeping closing parens that balance opening ones. */
function splitUrl(whole: string): [string, string] {
  let index = whole.length;
  while (index > 0 && TRAILING.has(whole.charCodeAt(index - 1))) index--;
  if (index === whole.length) return [whole, ''];
  let trail = whole.slice(index);
  let url = whole.slice(0, index);
  let closing = trail.indexOf(')');
  const opening = count(url, '(');
  let closed = count(url, ')');
  while (closing !== -1 && opening > closed) {
    url += trail.slice(0, closing + 1);
    trail = trail.slice(closing + 1);
    closing = trail.indexOf(')');
    closed++;
  }
  return [url, trail];
}

const findUrl: Finder = (groups, input, index) => {
  let [protocol = '', domain = ''] = groups;
  const path = groups[2] ?? '';
  if (!previousAllowed(input, index)) return null;
  let prefix = '';
  if (/^w/i.test(protocol)) {
    domain = protocol + domain;
    protocol = '';
    prefix = 'http://';
  }
  if (isUnicodePunctuation(domain.charCodeAt(0)) || !isCorrectDomain(domain)) return null;
  const [url, trail] = splitUrl(domain + path);
  return { link: { url: prefix + protocol + url, text: protocol + url }, trail };
};

const findXmpp: Finder = (groups, input, index) => {
  const [atext = '', label = '', resource] = groups;
  const whole = `xmpp:${atext}@${label}${resource ?? ''}`;
  if (/[\d\-_]$/.test(label)) return null;
  if (resource && (!/[A-Za-z]$/.test(resource) || input.charAt(index + whole.length) === '@')) return null;
  return { link: { url: whole, text: whole }, trail: '' };
};

const findMailto: Finder = (groups) => {
  const [atext = '', label = ''] = groups;
  if (/[\d\-_]$/.test(label)) return null;
  const value = `mailto:${atext}@${label}`;
  return { link: { url: value, text: value }, trail: '' };
};

const findEmail: Finder = (groups) => {
  const [atext = '', label = ''] = groups;
  if (/[\d\-_]$/.test(label)) return null;
  return { link: { url: `mailto:${atext}@${label}`, text: `${atext}@${label}` }, trail: '' };
};

const PASSES: [RegExp, Finder][] = [
  [/(?<![\da-z])(https?:\/\/|www(?=\.))([\w-]*\.[\w\-.]*)([^\t\n\r ]*)/gi, findUrl],
  [/(?<![\w+\-.@])xmpp:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)(\/(?:[\w\-/]|\.(?=[\dA-Za-z]))*)?/g, findXmpp],
  [/(?<![\w+\-.@])mailto:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g, findMailto],
  [/(?<![\w+\-.]|(?:^|[^\d@A-Za-z])(?:mailto|xmpp):)([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g, findEmail],
];

type Piece = string | LiteralLink;

// Cheap pre-check: every pattern needs one of these.
const MAYBE_LINK_RE = /[.@]/;

/** The autolink literals in `text` (one mdast text node's value), in order. */
export function findLiteralLinks(text: string): LiteralLink[] {
  if (!MAYBE_LINK_RE.test(text)) return [];
  let pieces: Piece[] = [text];
  for (const [re, find] of PASSES) {
    const next: Piece[] = [];
    const add = (p: Piece): void => {
      const last = next[next.length - 1];
      if (typeof p === 'string' && typeof last === 'string') next[next.length - 1] = last + p;
      else if (p !== '') next.push(p);
    };
    for (const piece of pieces) {
      if (typeof piece !== 'string') {
        next.push(piece);
        continue;
      }
      re.lastIndex = 0;
      let start = 0;
      let match = re.exec(piece);
      while (match) {
        const position = match.index;
        const found = find(match.slice(1), piece, position);
        if (found === null) {
          re.lastIndex = position + 1;
        } else {
          if (start !== position) add(piece.slice(start, position));
          add(found.link);
          add(found.trail);
          start = position + match[0].length;
        }
        match = re.exec(piece);
      }
      add(piece.slice(start));
    }
    pieces = next;
  }
  return pieces.filter((p): p is LiteralLink => typeof p !== 'string');
}
