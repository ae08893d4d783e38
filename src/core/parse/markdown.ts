/**
 * The one Markdown parser: CommonMark + GFM (tables, strikethrough, autolink
 * literals, footnotes) into mdast with positions. The processor is built and
 * frozen once per module (per worker), not per file.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

/** Parses Markdown (LF line ends) into mdast; offsets are UTF-16 indices into `markdown`. */
export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown);
}
