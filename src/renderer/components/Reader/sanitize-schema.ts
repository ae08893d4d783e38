/**
 * The sanitize schema for digest Markdown: GitHub's default (no script, style,
 * iframe, object, form, event handlers, or unsafe URL schemes), narrowed
 * further: no <input> (task-list boxes are drawn by CSS), no <img> srcset, and
 * only http/https/mailto in href and src. Raw HTML is never parsed in the first
 * place (no rehype-raw), so this is a second fence, not the only one.
 */
import { defaultSchema, type Options as Schema } from 'rehype-sanitize';

const base = defaultSchema;

export const DIGEST_SCHEMA: Schema = {
  ...base,
  tagNames: (base.tagNames ?? []).filter((tag) => tag !== 'input'),
  attributes: {
    ...base.attributes,
    img: ['src', 'alt', 'title'],
    input: [],
  },
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
    cite: ['http', 'https'],
    longDesc: ['http', 'https'],
  },
};
