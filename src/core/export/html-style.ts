/**
 * The export page's embedded style sheet: system fonts only (with CJK
 * fallbacks, nothing remote), light and dark through prefers-color-scheme,
 * and print rules so that the same file prints well to paper or PDF
 * (Electron's printToPDF on the desktop, the browser's print in web mode).
 */
export const EXPORT_CSS = `
:root {
  color-scheme: light dark;
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --border: #d1d9e0;
  --link: #0969da; --quote: #d1d9e0;
}
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d; --link: #4493f8; --quote: #3d444d; }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem 4rem;
  font: 16px/1.7 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", Roboto, "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: break-word;
}
h1, h2, h3, h4, h5, h6 { line-height: 1.3; margin: 1.6em 0 0.6em; }
h1 { font-size: 2em; margin-top: 0; }
h2 { font-size: 1.5em; padding-bottom: 0.3em; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.25em; }
h4 { font-size: 1.1em; }
h5, h6 { font-size: 1em; }
a { color: var(--link); }
.summary, .query, .source { color: var(--muted); }
.source { font-size: 0.9em; margin: -0.3em 0 1em; }
.source code { font-size: 0.95em; }
nav.toc { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 0.8rem 1.2rem; margin: 1.5rem 0 2rem; }
nav.toc h2 { font-size: 1.1em; border: 0; margin: 0 0 0.4em; padding: 0; }
nav.toc ol { margin: 0; padding-left: 1.4em; }
nav.toc ol ol { list-style: disc; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace; font-size: 0.9em; }
code { background: var(--panel); padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: var(--panel); padding: 0.8rem 1rem; border-radius: 6px; overflow-x: auto; }
pre code { background: none; padding: 0; }
pre.plain-text { white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote { margin: 1em 0; padding: 0 1em; color: var(--muted); border-left: 0.25em solid var(--quote); }
table { border-collapse: collapse; margin: 1em 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--border); padding: 0.3em 0.7em; }
th { background: var(--panel); }
img { max-width: 100%; }
hr { border: 0; border-top: 1px solid var(--border); margin: 2em 0; }
section.part { margin-bottom: 2rem; }
@media print {
  :root { --fg: #000; --muted: #444; --bg: #fff; --panel: #f3f3f3; --border: #bbb; --link: #000; --quote: #bbb; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav.toc { break-after: page; border: 0; background: none; padding: 0; }
  section.group { break-before: page; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
  pre, blockquote, table, img { break-inside: avoid; }
  pre { white-space: pre-wrap; overflow-x: visible; }
  table { display: table; }
  a { text-decoration: underline; }
  nav.toc a { text-decoration: none; }
}
@page { margin: 18mm 16mm; }
`;
