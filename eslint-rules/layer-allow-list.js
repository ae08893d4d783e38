// ESLint rule: imports between the layers (folders) under one root follow an
// explicit allow-list, on the model of VS Code's code-layering rule
// (.eslint-plugin-local/code-layering.ts). Options:
//   root:   absolute path of the folder whose first-level entries are layers
//           (a file at the root, such as types.ts, is a layer of its own: "types").
//   layers: { [layer]: entries it may import }, where an entry is a layer
//           ("store") or one module of it ("vault/paths").
// A relative import (static, dynamic, type-only or re-export) that resolves
// into another layer must match an entry of the importing layer. A layer
// missing from the table may import no other layer, so a new folder fails
// until the table says where it sits. Imports leaving the root are left to
// the other rules.
import path from 'node:path';

/** The layer and module path (no extension, '/'-separated) of an absolute path under root; null outside it. */
function locate(root, absolute) {
  const relative = path.relative(root, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const module = relative.split(path.sep).join('/').replace(/\.[cm]?[jt]sx?$/, '');
  return { layer: module.split('/')[0], module };
}

function allows(entries, module) {
  return entries.some((entry) => module === entry || module.startsWith(`${entry}/`));
}

/** The module specifier of an import-like node, when it is a string literal. */
function specifierOf(node) {
  const source = node.type === 'TSImportType' ? node.argument?.literal : node.source;
  return source?.type === 'Literal' && typeof source.value === 'string' ? source : null;
}

export const layerAllowList = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports between layers follow an explicit allow-list' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      wrongWay:
        "{{from}} may not import {{target}}: {{layer}} may import {{allowed}}. Imports point down the layers; move the shared piece into a layer both may import, or change the table in eslint.config.js if the layering itself changes.",
      unknownLayer: '{{from}} is in no layer of the table in eslint.config.js: add "{{layer}}" with the layers it may import.',
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const self = locate(root, context.filename);
    if (self === null) return {};
    const entries = Object.hasOwn(layers, self.layer) ? layers[self.layer] : null;
    // As the reader knows the module: relative to where ESLint runs ("src/core/store/store").
    const name = (module) => path.relative(context.cwd, path.join(root, module)).split(path.sep).join('/');
    const check = (node) => {
      const source = specifierOf(node);
      if (source === null || !source.value.startsWith('.')) return;
      const target = locate(root, path.resolve(path.dirname(context.filename), source.value));
      if (target === null || target.layer === self.layer) return;
      if (entries === null) {
        context.report({ node: source, messageId: 'unknownLayer', data: { from: name(self.layer), layer: self.layer } });
      } else if (!allows(entries, target.module)) {
        const allowed = entries.length === 0 ? 'no other layer' : entries.join(', ');
        context.report({
          node: source,
          messageId: 'wrongWay',
          data: { from: name(self.module), target: name(target.module), layer: self.layer, allowed },
        });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      TSImportType: check,
    };
  },
};
