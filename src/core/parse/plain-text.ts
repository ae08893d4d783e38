/**
 * Plain text of mdast nodes, for search and snippets. Block-level text is one
 * line per paragraph, heading, code block, table row (cells separated by a tab,
 * trailing empty cells dropped) or HTML block (tags stripped), blank lines
 * dropped; inline text keeps
 * link text, inline code and image alt text. Traversal is iterative: nesting
 * depth comes from the file (thousands of nested `>` are valid Markdown) and
 * must not overflow the stack. The fast engine (fast/fast-body.ts) produces the
 * same text from markdown-it tokens through the helpers exported here.
 */
import type { Nodes, TableRow } from 'mdast';

// Script and style bodies and comments are not prose; other tags go, their text stays.
const NON_TEXT_RE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const TAG_RE = /<[^>]*>/g;

/** The text of raw HTML: tags, comments, scripts and styles removed. */
export function stripTags(html: string): string {
  if (!html.includes('<')) return html;
  return html.replace(NON_TEXT_RE, '').replace(TAG_RE, '');
}

/**
 * A code span's text as CommonMark defines it: line endings become spaces.
 * mdast keeps them in `inlineCode.value` (mdast-util-to-hast turns them into
 * spaces when rendering); markdown-it, the fast engine, already has spaces.
 */
function codeSpanText(value: string): string {
  return value.includes('\n') ? value.replaceAll('\n', ' ') : value;
}

/** The plain text of an inline node or of a block's inline content, e.g. a heading or link. */
export function inlineText(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    switch (n.type) {
      case 'text':
        out += n.value;
        break;
      case 'inlineCode':
        out += codeSpanText(n.value);
        break;
      case 'html':
        out += stripTags(n.value);
        break;
      case 'image':
      case 'imageReference':
        out += n.alt ?? '';
        break;
      case 'break':
        out += '\n';
        break;
      default:
        if ('children' in n) {
          for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
        }
    }
  }
  return out;
}

/** A table row's line: trimmed cell texts joined by tabs, without trailing empty cells. */
export function rowLine(cells: readonly string[]): string {
  return cells.join('\t').replace(/\t+$/, '');
}

function rowText(row: TableRow): string {
  return rowLine(row.children.map((cell) => inlineText(cell).trim()));
}

/**
 * Appends one block's text to `lines`, without its blank lines (so a block of
 * only whitespace adds nothing). Blank lines inside code say nothing to search,
 * and parsers disagree on where an indented code block around them ends.
 */
export function pushLine(lines: string[], text: string): void {
  if (text.trim() === '') return;
  lines.push(text.includes('\n') ? text.split('\n').filter((line) => line.trim() !== '').join('\n') : text);
}

/**
 * Appends the text lines of block nodes (in document order) to `lines`.
 * Empty lines are skipped.
 */
export function collectBlockText(nodes: readonly Nodes[], lines: string[]): void {
  const stack: Nodes[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  const push = (text: string): void => pushLine(lines, text);
  while (stack.length > 0) {
    const n = stack.pop()!;
    switch (n.type) {
      case 'paragraph':
      case 'heading':
        push(inlineText(n));
        break;
      case 'code':
        push(n.value);
        break;
      case 'html':
        push(stripTags(n.value));
        break;
      case 'tableRow':
        push(rowText(n));
        break;
      case 'thematicBreak':
      case 'definition':
      case 'yaml':
        break;
      default:
        if ('children' in n) {
          for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
        } else if ('value' in n && typeof n.value === 'string') {
          push(n.value);
        }
    }
  }
}
