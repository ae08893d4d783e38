/**
 * GFM table rows may hold more cells than the header; remark keeps them in
 * mdast but the renderer (mdast-util-to-hast) shows only as many cells as the
 * header has, and markdown-it drops them. The index drops them too, so a
 * search never finds, and the link list never holds, what the reader cannot see.
 */
import type { Nodes, Root } from 'mdast';

/** Removes table cells beyond each table's column count, in place. */
export function dropHiddenTableCells(root: Root): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'table') {
      const columns = n.align?.length ?? n.children[0]?.children.length ?? 0;
      for (const row of n.children) {
        if (row.children.length > columns) row.children.length = columns;
      }
    } else if (n.type === 'root' || n.type === 'blockquote' || n.type === 'list' || n.type === 'listItem' || n.type === 'footnoteDefinition') {
      for (const child of n.children) stack.push(child);
    }
  }
}
