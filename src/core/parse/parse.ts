/**
 * TEMPORARY minimal parser (placeholder written by the scan/read/pool engineer so the
 * worker pool can be built and tested). The parse engineer owns this file and
 * replaces it wholesale; nothing here is meant to stay.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { ParseOptions, ParsedDigest } from '../types.js';

export function plainTextDigest(text: string, path: string, reason: string): ParsedDigest {
  const body = text.replace(/\r\n?/g, '\n');
  return {
    title: path.replace(/^.*\//, '').replace(/\.(md|markdown)$/i, ''),
    date: null,
    tags: [],
    description: null,
    meta: {},
    body,
    sections: [{ ordinal: 0, heading: '', level: 0, headingPath: [], text: body, start: 0, end: body.length }],
    links: [],
    warnings: [`${path}: ${reason}`],
  };
}

export function parseDigest(text: string, path: string, _options?: ParseOptions): ParsedDigest {
  const body = text.replace(/\r\n?/g, '\n');
  const tree = unified().use(remarkParse).parse(body);
  const digest = plainTextDigest(body, path, '');
  digest.warnings = [];
  const first = tree.children.find((n) => n.type === 'heading');
  if (first && first.type === 'heading' && first.children[0]?.type === 'text') digest.title = first.children[0].value;
  return digest;
}
