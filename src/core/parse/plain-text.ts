/**
 * Plain text of mdast nodes, for search and snippets. Block-level text is one
 * line per paragraph, heading, code block, table row (cells separated by a tab)
 * or HTML block (tags stripped); inline text keeps link text, inline code and
 * image alt text. Traversal is iterative: nesting depth comes from the file
 * (thousands of nested `>` are valid Markdown) and must not overflow the stack.
 */
import type { Nodes, TableRow } from 'mdast';

// Script and style bodies and comments are not prose; other tags go, their text stays.
const NON_TEXT_RE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const TAG_RE = /<[^>]*>/g;

function stripTags(html: string): string {
  if (!html.includes('<')) return html;
  return html.replace(NON_TEXT_RE, '').replace(TAG_RE, '');
}

/** The plain text of an inline node or of a block's inline content, e.g. a heading or link. */
export function inlineText(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    switch (n.type) {
      case 'text':
      case 'inlineCode':
        out += n.value;
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

function rowText(row: TableRow): string {
  return row.children.map((cell) => inlineText(cell).trim()).join('\t');
}

/**
 * Appends the text lines of block nodes (in document order) to `lines`.
 * Empty lines are skipped.
 */
export function collectBlockText(nodes: readonly Nodes[], lines: string[]): void {
  const stack: Nodes[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  const push = (text: string): void => {
    if (text.trim() !== '') lines.push(text);
  };
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
