/**
 * Mentions: the names a digest sets apart, in bold (`**GPT-5.3-Codex**`,
 * `__Anthropic__`) or as link text (`[Hugging Face](…)`). This module is the
 * one owner of how such a span becomes a name, and of a name's identity:
 *
 * - the name: NFKC (full-width ＧＰＴ -> GPT), whitespace collapsed, and the
 *   punctuation, brackets, quotes and symbols around it stripped
 *   (`「Claude Opus 4.6」：` -> `Claude Opus 4.6`), except a marker that is
 *   part of the name (`C#`, `C++`, `.NET`, `@openai`, a closing bracket whose
 *   opening one is inside: `GPT-4o (mini)`);
 * - not a name: empty, longer than MAX_MENTION_CHARS, a number or a date
 *   (`100%`, `2026年`), a URL or e-mail address, a generic link text
 *   (`link`, `here`, `链接`, `原文`, `via`), or a sentence (bold is also used
 *   for emphasis: `**利率一降再降，恰恰说明了…**` holds clause punctuation);
 * - the identity (`mentionKey`): the name case-folded, so `OpenAI`,
 *   `openai` and `ＯｐｅｎＡＩ` are one mention; the same key is computed for
 *   what a user types in `mention:"…"`.
 *
 * Pure and shared by the parser (index time) and the search (query time).
 */

/** Longer spans are phrases or sentences, not names. */
export const MAX_MENTION_CHARS = 60;
/** Latin spans of more words than this are phrases, not names. */
const MAX_MENTION_WORDS = 8;

/** Link texts that name nothing (compared by key). */
const GENERIC_TEXTS = new Set([
  'link',
  'links',
  'here',
  'click here',
  'this',
  'this link',
  'more',
  'read more',
  'learn more',
  'see more',
  'source',
  'via',
  'website',
  'homepage',
  'home page',
  'demo',
  'paper',
  'article',
  'post',
  'blog',
  'blog post',
  'download',
  'docs',
  'video',
  'tweet',
  'thread',
  '链接',
  '原文',
  '原文链接',
  '阅读原文',
  '这里',
  '点击这里',
  '点此',
  '点击',
  '详情',
  '查看',
  '地址',
  '项目地址',
  '官网',
  '论文',
  '文章',
  '视频',
  '演示',
  '下载',
  '文档',
  '主页',
  '来源',
  '出处',
  '全文',
  '更多',
]);

const SPACE_RE = /\s+/gu;
/** Punctuation, symbols and spaces: what is stripped around a name. */
const AROUND_RE = /[\s\p{P}\p{S}]/u;
const ALNUM_RE = /[\p{L}\p{N}]/u;
/** A leading marker kept when a letter or digit follows it: .NET, #hashtag, @handle, $TICKER. */
const KEEP_LEADING = '.#@$';
/** Trailing markers kept after a letter, digit or one another: C#, C++, F#. */
const KEEP_TRAILING = '#+';
const OPENING: Record<string, string> = { ')': '(', ']': '[', '}': '{', '>': '<', '」': '「', '』': '『', '》': '《', '】': '【', '〉': '〈' };
/** Numbers, dates, counts and amounts: digits with separators, units and CJK date or counter characters. */
const NUMBER_RE = /^[\p{N}\s.,:;%/+\-–—~_×年月日号期周个万亿元]+$/u;
const URL_RE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$|^[\w-]+(?:\.[\w-]+)+\/\S*$/iu;
/** Clause punctuation (after NFKC): a span holding it is a sentence, not a name. */
const SENTENCE_RE = /[。!?;、]|,(?:\s|$)|:(?=\s|[^\x00-\x7f])|(?<=[^\x00-\x7f]):|,(?=[^\x00-\x7f])|(?<=[^\x00-\x7f]),/u;

function isAround(ch: string): boolean {
  return AROUND_RE.test(ch);
}

/** Strips what surrounds a name (see the module comment); `s` is NFKC with collapsed spaces. */
function stripAround(s: string): string {
  const chars = Array.from(s);
  let start = 0;
  let end = chars.length;
  for (;;) {
    while (start < end && isAround(chars[start]!) && !(KEEP_LEADING.includes(chars[start]!) && ALNUM_RE.test(chars[start + 1] ?? ''))) start++;
    while (end > start && isAround(chars[end - 1]!) && !keptAtEnd(chars, start, end)) end--;
    // A closing bracket stays only when its opening one is inside the name ("GPT-4o (mini)").
    const last = chars[end - 1];
    if (last === undefined || start >= end || !(last in OPENING)) break;
    if (!chars.slice(start, end - 1).includes(OPENING[last]!)) end--;
    else break;
  }
  return chars.slice(start, end).join('');
}

/** Whether the character before `end` is a kept trailing marker (C#, C++) or a balanced closing bracket. */
function keptAtEnd(chars: readonly string[], start: number, end: number): boolean {
  const ch = chars[end - 1]!;
  if (ch in OPENING) return chars.slice(start, end - 1).includes(OPENING[ch]!);
  if (!KEEP_TRAILING.includes(ch)) return false;
  let k = end - 1;
  while (k > start && KEEP_TRAILING.includes(chars[k - 1]!)) k--;
  return k > start && ALNUM_RE.test(chars[k - 1]!);
}

/** NFKC, spaces collapsed, the surroundings stripped: the spelling shown for a span. */
export function cleanMention(span: string): string {
  return stripAround(span.normalize('NFKC').replace(SPACE_RE, ' ').trim());
}

/** The identity of a name or of what a user typed for one: cleaned and case-folded. */
export function mentionKey(text: string): string {
  return cleanMention(text).toLowerCase();
}

/** Whether a cleaned span names something (see the module comment). */
function isName(name: string): boolean {
  return (
    name !== '' &&
    Array.from(name).length <= MAX_MENTION_CHARS &&
    ALNUM_RE.test(name) &&
    !NUMBER_RE.test(name) &&
    !URL_RE.test(name) &&
    !GENERIC_TEXTS.has(name.toLowerCase()) &&
    !SENTENCE_RE.test(name) &&
    name.split(' ').length <= MAX_MENTION_WORDS
  );
}

/** The name a bold span or link text sets apart, or null when it is none (see the module comment). */
export function mentionName(span: string): string | null {
  const name = cleanMention(span);
  return isName(name) ? name : null;
}
