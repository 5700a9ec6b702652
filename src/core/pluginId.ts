/**
 * A plugin is identified by the pair (NameSpace, Name). The Go original concatenates the two
 * (`ab`+`c` == `a`+`bc`); we keep them apart and show them as `NameSpace/Name` (just `Name`
 * when the namespace is empty). Two pairs that would show the same text are treated as one id
 * and reported as a conflict, so the shown id is always unambiguous.
 */
export function formatPluginId(namespace: string, name: string): string {
  return namespace === '' ? name : `${namespace}/${name}`;
}

/** The Go original's file stem for a plugin: NameSpace + Name, no separator. */
export function goFileStem(namespace: string, name: string): string {
  return namespace + name;
}
