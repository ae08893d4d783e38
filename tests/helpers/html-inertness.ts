/**
 * Inertness of rendered HTML, for the hostile-content tests: what in a
 * document could run code, load from the network or navigate on its own. An
 * oracle of its own (parse5 and plain rules), sharing no code with the
 * sanitizers and URL policy it checks.
 */
interface HtmlNode {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  content?: HtmlNode;
  value?: string;
}

/** Elements that run code, load content, submit or navigate by themselves. */
const ACTIVE_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'embed', 'object', 'applet', 'form', 'base', 'link', 'input', 'button',
  'textarea', 'select', 'audio', 'video', 'source', 'track', 'portal', 'noscript', 'svg', 'math', 'template',
]);
/** Attributes whose value is a URL the browser may load or navigate to. */
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'background', 'cite', 'xlink:href', 'ping',
  'longdesc', 'codebase', 'manifest', 'lowsrc', 'dynsrc', 'archive', 'icon',
]);
const SAFE_META = /^(charset|viewport|generator|color-scheme|description)$/i;
const SCHEME_RE = /^([a-z][a-z0-9+.-]*):/i;

function schemeOf(url: string): string | null {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const m = SCHEME_RE.exec(url.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''));
  return m ? m[1]!.toLowerCase() : null;
}

/** No scheme, yet names a host (`//h`, two backslashes, `/` and a backslash): opened from a file it is file://h, on Windows an SMB request. */
function isProtocolRelative(url: string): boolean {
  return /^[/\\]{2}/.test(url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, ''));
}

function isRemote(url: string): boolean {
  const trimmed = url.trim();
  const scheme = schemeOf(trimmed);
  return isProtocolRelative(trimmed) || (scheme !== null && scheme !== 'data' && scheme !== 'mailto');
}

function cssProblems(css: string): string[] {
  const out: string[] = [];
  if (/@import/i.test(css)) out.push('CSS @import');
  for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (!/^data:/i.test(m[2]!.trim())) out.push(`CSS url(${m[2]})`);
  }
  if (/expression\s*\(|behavior\s*:|-moz-binding/i.test(css)) out.push('CSS expression/behavior/binding');
  return out;
}

/**
 * What in a rendered HTML document could run code, load from the network or
 * navigate on its own: a list of human-readable problems (empty when inert).
 * Links (<a href="https://...">) are allowed: they only go anywhere when clicked;
 * but not protocol-relative ones (`//host`), which from a saved file reach file://host.
 */
export async function findActiveHtml(html: string): Promise<string[]> {
  const { parse } = await import('parse5');
  const doc = parse(html) as unknown as HtmlNode;
  const problems: string[] = [];
  const walk = (node: HtmlNode): void => {
    const tag = node.tagName?.toLowerCase();
    if (tag !== undefined) {
      if (ACTIVE_ELEMENTS.has(tag)) problems.push(`<${tag}> element`);
      const attrs = node.attrs ?? [];
      if (tag === 'meta') {
        const httpEquiv = attrs.find((a) => a.name === 'http-equiv')?.value;
        const name = attrs.find((a) => a.name === 'name')?.value;
        const ok = httpEquiv !== undefined ? /^content-security-policy$/i.test(httpEquiv) : name === undefined || SAFE_META.test(name);
        if (!ok) problems.push(`<meta ${httpEquiv !== undefined ? `http-equiv=${httpEquiv}` : `name=${name}`}>`);
      }
      for (const { name, value } of attrs) {
        const attr = name.toLowerCase();
        if (attr.startsWith('on')) problems.push(`<${tag} ${attr}=...> event handler`);
        if (attr === 'srcdoc') problems.push(`<${tag} srcdoc>`);
        if (attr === 'style') problems.push(...cssProblems(value).map((p) => `<${tag} style>: ${p}`));
        if (!URL_ATTRIBUTES.has(attr)) continue;
        const urls = attr === 'srcset' ? value.split(',').map((s) => s.trim().split(/\s+/)[0] ?? '') : [value];
        for (const url of urls) {
          const scheme = schemeOf(url.trim());
          if (scheme !== null && ['javascript', 'vbscript', 'file'].includes(scheme)) problems.push(`<${tag} ${attr}="${url}">`);
          // An image an <img> loads runs no script and loads nothing else, SVG included (SVG's image mode); the HTML export embeds vault images so.
          else if (scheme === 'data' && !(tag === 'img' && attr === 'src' && /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml);/i.test(url.trim()))) {
            problems.push(`<${tag} ${attr}="${url.slice(0, 40)}">`);
          } else if (tag === 'a' && attr === 'href' && isProtocolRelative(url)) problems.push(`<a href="${url}"> protocol-relative link`);
          else if (!(tag === 'a' && attr === 'href') && isRemote(url)) problems.push(`<${tag} ${attr}="${url}"> loads remotely`);
        }
      }
      if (tag === 'style') {
        const css = (node.childNodes ?? []).map((c) => c.value ?? '').join('');
        problems.push(...cssProblems(css).map((p) => `<style>: ${p}`));
      }
    }
    for (const child of node.childNodes ?? []) walk(child);
    if (node.content) walk(node.content);
  };
  walk(doc);
  return problems;
}
