/**
 * The query language, for the UI's help panel and the docs (one list, two
 * languages). The parser is src/core/search/query-parser.ts; this list must
 * describe what it does (tests/unit/query-parser.test.ts checks each example
 * parses without a notice).
 */

export type QueryHelpLanguage = 'en' | 'zh-CN';

export interface QueryHelpEntry {
  /** What to type, e.g. `tag:AI`. */
  syntax: string;
  /** A query that uses it. */
  example: string;
  description: Record<QueryHelpLanguage, string>;
}

export const QUERY_HELP: readonly QueryHelpEntry[] = [
  {
    syntax: 'word word',
    example: 'claude 代理',
    description: {
      en: 'All words must match (space = AND), case- and width-insensitive. Chinese is matched as written: 后门检测 finds exactly that sequence.',
      'zh-CN': '空格分隔的词须全部匹配（空格即 AND），不区分大小写和全角/半角。中文按原文连续匹配：后门检测 只匹配这四个字相连出现的地方。',
    },
  },
  {
    syntax: '"phrase"',
    example: '"claude code"',
    description: {
      en: 'The words next to each other, in this order.',
      'zh-CN': '引号中的词须按顺序相邻出现。',
    },
  },
  {
    syntax: '-word  -"phrase"',
    example: 'agent -openai',
    description: {
      en: 'Exclude sections containing the word or phrase.',
      'zh-CN': '排除含有该词或短语的章节。',
    },
  },
  {
    syntax: 'a OR b',
    example: 'kimi OR deepseek 发布',
    description: {
      en: 'Either word (OR in capitals). "a OR b c" means (a or b) and c.',
      'zh-CN': '任一词即可（OR 须大写）。"a OR b c" 表示（a 或 b）且 c。',
    },
  },
  {
    syntax: 'tag:NAME  -tag:NAME',
    example: 'tag:AI tag:安全',
    description: {
      en: 'Only digests with this tag (repeat for all of them); -tag: excludes. Quote tags with spaces: tag:"open source".',
      'zh-CN': '只看带此标签的周报（可重复，须全部具备）；-tag: 排除。含空格的标签加引号：tag:"open source"。',
    },
  },
  {
    syntax: 'after:DATE  before:DATE',
    example: 'after:2026-01 before:2026-03',
    description: {
      en: 'after: on or after the start of the period; before: strictly before its start. DATE is a year (2026), a month (2026-02), a day (2026-02-06) or a week (2026-W06).',
      'zh-CN': 'after: 该时段开始当天及以后；before: 该时段开始之前。日期可写年（2026）、月（2026-02）、日（2026-02-06）或 ISO 周（2026-W06）。',
    },
  },
  {
    syntax: 'date:PERIOD  week:YYYY-Www',
    example: 'date:2026-02 agent',
    description: {
      en: 'Only digests dated within that year, month, day or ISO week.',
      'zh-CN': '只看日期落在该年、月、日或 ISO 周内的周报。',
    },
  },
  {
    syntax: 'title:word  heading:word',
    example: 'title:周报 heading:"深度 报道"',
    description: {
      en: 'The word (or "phrase") must be in the digest title, or in a section heading.',
      'zh-CN': '该词（或"短语"）须出现在周报标题或章节标题中。',
    },
  },
  {
    syntax: 'in:folder',
    example: 'in:weekly/2026 模型',
    description: {
      en: 'Only digests under that folder of the vault; -in: excludes a folder.',
      'zh-CN': '只看库中该文件夹下的周报；-in: 排除该文件夹。',
    },
  },
  {
    syntax: 'mention:NAME',
    example: 'mention:"Claude Opus 4.6" 芯片',
    description: {
      en: 'Only digests that set the name apart, in bold or as a link text (case and full-width letters do not matter; repeat for all of them); -mention: excludes.',
      'zh-CN': '只看以粗体或链接文字提到该名称的周报（不分大小写与全角半角；可重复，须全部提到）；-mention: 排除。',
    },
  },
  {
    syntax: 'site:HOST  link:URL',
    example: 'site:arxiv.org agent',
    description: {
      en: 'Only digests linking to that site or a subdomain (site:), or with a link starting with that URL, scheme and www. aside (link:github.com/openai; end with / for that folder only). -site: and -link: exclude.',
      'zh-CN': '只看链接到该网站或其子域名的周报（site:），或有链接以该网址开头的周报（link:github.com/openai，不计协议和 www.；以 / 结尾则只算该目录）。-site:、-link: 排除。',
    },
  },
  {
    syntax: 'prefix and typos',
    example: 'anthro',
    description: {
      en: 'While typing, the last word (3+ letters) also matches as a prefix; words of 4+ letters tolerate a typo (1 edit, 2 from 8 letters). Such matches rank after exact ones.',
      'zh-CN': '输入时，最后一个词（3 个字母以上）也按前缀匹配；4 个字母以上的英文词容忍拼写错误（1 处，8 个字母以上 2 处）。这类匹配排在精确匹配之后。',
    },
  },
];
