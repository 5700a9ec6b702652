/**
 * A Node module-resolution hook (node:module register) for the built-app test: the bare specifier
 * `electron` resolves to the stand-in module given in `data.url`; everything else as usual.
 */
let standInUrl;

export function initialize(data) {
  standInUrl = data.url;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: standInUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}
