/**
 * The ESLint rule `layers/imports`: each file may import only what its layer's row in
 * docs/ARCHITECTURE.md allows. Relative imports are resolved against the importing file, so
 * `../../renderer/x` and `../renderer/x` are judged by where they land, not by how they are spelt;
 * bare imports are judged by package name. Written here rather than taken from a plugin: the
 * plugins that resolve paths (eslint-plugin-import-x) pull a native resolver with one optional
 * binary per platform, which a registry mirror may lack, and this needs no resolver at all.
 */
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = new Set(builtinModules);

/** `@scope/name` or `name` of a bare specifier; `node:fs` and `fs` alike for Node's own. */
function packageOf(specifier) {
  if (specifier.startsWith('node:')) return 'node:';
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return NODE_BUILTINS.has(name) ? 'node:' : name;
}

/** `pattern` ends in `/` for a folder, `*` for any package of a scope, else names one file or package. */
function matches(pattern, value) {
  if (pattern.endsWith('/')) return value.startsWith(pattern);
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return value === pattern || value.replace(/\.(js|jsx)$/, '') === pattern.replace(/\.(ts|tsx)$/, '');
}

/**
 * @param {{ root: string, layers: Array<{ files: string, name: string, folders?: string[],
 *   packages?: string[], never?: string[] }>}} options — every layer whose `files` folder holds the
 *   importing file applies: its `folders` and `packages` (when given) list what may be imported,
 *   its `never` what may not, even inside an allowed folder.
 */
export function importLayersPlugin({ root, layers }) {
  const rule = {
    meta: {
      type: 'problem',
      docs: { description: 'imports follow the layering table of docs/ARCHITECTURE.md' },
      schema: [],
      messages: {
        folder: '{{layer}} may not import {{target}}: {{why}} (docs/ARCHITECTURE.md, layering table)',
        package: '{{layer}} may not import the package "{{name}}": {{why}} (docs/ARCHITECTURE.md, layering table)',
      },
    },
    create(context) {
      const file = relative(root, context.filename).split(sep).join('/');
      const applying = layers.filter((layer) => file.startsWith(layer.files));
      if (applying.length === 0) return {};

      function check(node, specifier) {
        if (typeof specifier !== 'string') return;
        if (specifier.startsWith('.') || isAbsolute(specifier)) {
          const target = relative(root, join(dirname(context.filename), specifier)).split(sep).join('/');
          for (const layer of applying) {
            const refused = layer.never?.find((pattern) => matches(pattern, target));
            if (refused || (layer.folders && !layer.folders.some((pattern) => matches(pattern, target)))) {
              const why = refused ? `never ${refused}` : `it may import only ${layer.folders.join(', ')}`;
              context.report({ node, messageId: 'folder', data: { layer: layer.name, target, why } });
              return;
            }
          }
          return;
        }
        const name = packageOf(specifier);
        for (const layer of applying) {
          if (layer.packages && !layer.packages.some((pattern) => matches(pattern, name))) {
            const allowed = layer.packages.length ? layer.packages.join(', ') : 'none';
            const why = `its packages are ${allowed.replace('node:', 'Node')}`;
            context.report({ node, messageId: 'package', data: { layer: layer.name, name: name === 'node:' ? specifier : name, why } });
            return;
          }
        }
      }

      const fromSource = (node) => node.source && check(node.source, node.source.value);
      return {
        ImportDeclaration: fromSource,
        ExportAllDeclaration: fromSource,
        ExportNamedDeclaration: fromSource,
        ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
        TSImportType: (node) => {
          const literal = node.argument?.literal ?? node.argument;
          if (literal?.type === 'Literal') check(literal, literal.value);
        },
        TSExternalModuleReference: (node) => node.expression.type === 'Literal' && check(node.expression, node.expression.value),
      };
    },
  };
  return { rules: { imports: rule } };
}
