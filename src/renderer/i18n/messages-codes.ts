/**
 * UI text for what the core reports as codes: search notices (`notice.<code>`,
 * src/shared/notices.ts), errors (`error.<code>`, src/shared/errors.ts), why a
 * file was skipped (`problem.<code>`, src/shared/file-problems.ts) and
 * the fallbacks shown when a pane or a digest cannot be drawn. English notice
 * and file-problem texts are NOTICE_TEXT_EN and FILE_PROBLEM_TEXT_EN themselves,
 * written once; the Chinese tables are typed
 * by the codes, so a new code does not compile until it is translated here.
 */
import type { ErrorCode } from '../../shared/errors.js';
import { FILE_PROBLEM_TEXT_EN, type FileProblemCode } from '../../shared/file-problems.js';
import { NOTICE_TEXT_EN, type NoticeCode } from '../../shared/notices.js';

type KeyedByCode<P extends string, C extends string> = { readonly [K in C as `${P}.${K}`]: string };
type NoticeMessages = KeyedByCode<'notice', NoticeCode>;
type FileProblemMessages = KeyedByCode<'problem', FileProblemCode>;
type ErrorMessages = { readonly [C in ErrorCode as `error.${C}`]: string } & {
  /** invalid-argument naming the web-mode token: the page was opened without the printed address. */
  readonly 'error.token': string;
  readonly errorWithDetail: string;
  readonly paneFailed: string;
  readonly retry: string;
  readonly digestTooDeep: string;
  readonly digestTooManyMarkers: string;
  readonly digestRenderFailed: string;
};

/** The core's English table of codes, keyed `<prefix>.<code>` as the UI's tables are. */
function keyedByCode<P extends string, C extends string>(prefix: P, table: Readonly<Record<C, string>>): KeyedByCode<P, C> {
  return Object.fromEntries(Object.entries(table).map(([code, text]) => [`${prefix}.${code}`, text])) as KeyedByCode<P, C>;
}

export const noticesEn: NoticeMessages = keyedByCode('notice', NOTICE_TEXT_EN);

export const noticesZhCN: NoticeMessages = {
  'notice.lone-minus': '单独的“-”已被忽略（要排除某个词，请写 -词语）',
  'notice.not-an-operator': '“{op}:”不是运算符，已按普通文字搜索',
  'notice.unbalanced-quote': '引号未闭合：其后的文字已按单独的词语搜索',
  'notice.operator-without-value': '“{op}:”后面没有值，已按普通文字搜索',
  'notice.folder-empty': '“in:{value}”没有指定文件夹，已忽略',
  'notice.bad-week': '无法识别 week: 中的周次“{value}”（格式应为 YYYY-Www），已按普通文字搜索',
  'notice.bad-link-value': '“{op}:{value}”没有指定网站（可写 site:arxiv.org 或 link:github.com/openai），已按普通文字搜索',
  'notice.bad-date': '无法识别 {op}: 中的日期“{value}”，已按普通文字搜索',
  'notice.cannot-exclude-operator': '“-{op}:”不能用于排除，已按 {op}:{value} 处理',
  'notice.punctuation-ignored': '“{text}”在这里没有特殊含义，标点已忽略',
  'notice.no-searchable-text': '“{text}”不含可搜索的文字，已忽略',
  'notice.or-with-exclusion': '“OR”不能连接被排除的词，已忽略“OR”',
  'notice.or-misplaced': '“OR”必须位于两个词之间，已按单词“or”搜索',
  'notice.and-is-default': '“AND”已按普通单词搜索：空格本身就表示“并且”',
  'notice.boolean-word': '“{word}”已按普通单词搜索（要排除某个词，请写 -词语）',
  'notice.or-with-filter': '“OR”不能连接筛选条件，已忽略“OR”',
  'notice.field-without-value': '“{field}:”后面没有值，已忽略',
  'notice.or-at-end': '查询末尾的“OR”已被忽略',
  'notice.bad-date-filter': '无法识别 {name} 中的日期“{value}”，已忽略',
  'notice.only-exclusions': '查询只包含要排除的词：列出不含这些词的周刊',
  'notice.nothing-to-search': '查询中没有可搜索的内容（只有标点，或没有词语的运算符）：未进行搜索',
  'notice.unranked-too-many': '匹配的段落超过 {limit} 个：改为按时间从新到旧排列，而不按相关度（添加词语可缩小范围）',
  'notice.unranked-before-filters': '筛选前的词语匹配了超过 {limit} 个段落：改为按时间从新到旧排列，而不按相关度（添加词语可缩小范围）',
  'notice.search-failed': '搜索失败：{reason}',
};

export const fileProblemsEn: FileProblemMessages = keyedByCode('problem', FILE_PROBLEM_TEXT_EN);

export const fileProblemsZhCN: FileProblemMessages = {
  'problem.too-large': '文件过大（{size}，超过 {limit} 的上限）',
  'problem.binary': '二进制文件（含 NUL 字节）',
  'problem.not-text': '不是有效的 UTF-8、UTF-16 或 GB18030 文本',
  'problem.not-regular-file': '不是普通文件',
  'problem.cannot-read-file': '无法读取文件（{error}）',
  'problem.cannot-stat': '无法读取文件信息（{error}）',
  'problem.cannot-read-folder': '无法读取文件夹（{error}）',
  'problem.symlink-loop': '符号链接形成循环',
  'problem.dangling-symlink': '符号链接的目标不存在',
  'problem.symlink-outside-vault': '符号链接指向资料库之外',
  'problem.cannot-resolve-symlink': '无法解析符号链接（{error}）',
  'problem.cannot-read-symlink-target': '无法读取符号链接的目标（{error}）',
  'problem.folder-already-scanned': '指向的文件夹已经通过 {through} 扫描过',
  'problem.same-file': '与 {path} 是同一个文件（经由符号链接到达），只索引一次',
  'problem.could-not-be-indexed': '无法索引（{error}）',
  'problem.could-not-be-stored': '无法存入索引（{error}）',
  // A reason without a code (an index written before codes): only its English text is known.
  'problem.other': '{text}',
};

export const errorsEn: ErrorMessages = {
  'error.not-found': 'Not found: it may have been moved, renamed or deleted (re-index if the vault changed).',
  'error.busy': 'The index is busy: another Almanac process is using it. Try again in a moment.',
  'error.invalid-argument': 'A value was not accepted.',
  'error.not-available': 'Not available here.',
  'error.cancelled': 'Cancelled.',
  'error.internal': 'Something went wrong inside Almanac.',
  'error.token': 'This page has no valid access token: open the address that `almanac serve` printed.',
  errorWithDetail: '{summary} ({detail})',
  paneFailed: 'This part of the window could not be shown.',
  retry: 'Try again',
  digestTooDeep: 'This digest nests lists or quotes too deeply to format; shown as plain text.',
  digestTooManyMarkers: 'This digest has too many emphasis or link markers to format; shown as plain text.',
  digestRenderFailed: 'This digest could not be formatted; shown as plain text.',
};

export const errorsZhCN: ErrorMessages = {
  'error.not-found': '未找到：它可能已被移动、重命名或删除（如果资料库有变动，请重新索引）。',
  'error.busy': '索引正忙：另一个 Almanac 进程正在使用它。请稍后再试。',
  'error.invalid-argument': '有一个值不被接受。',
  'error.not-available': '此处不可用。',
  'error.cancelled': '已取消。',
  'error.internal': 'Almanac 内部出错。',
  'error.token': '此页面没有有效的访问令牌：请打开 `almanac serve` 输出的地址。',
  errorWithDetail: '{summary}（{detail}）',
  paneFailed: '这一部分无法显示。',
  retry: '重试',
  digestTooDeep: '这篇周刊的列表或引用嵌套过深，无法排版，以纯文本显示。',
  digestTooManyMarkers: '这篇周刊的强调或链接标记过多，无法排版，以纯文本显示。',
  digestRenderFailed: '这篇周刊无法排版，以纯文本显示。',
};
