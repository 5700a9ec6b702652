/**
 * The endpoints every GoPlug plugin serves besides its own methods, as the Go plugin names them.
 * The SDK serves them and lists them (nameless) in `/Activate`; the registry never reads a 400
 * from one of them as "method not found".
 */
export const BUILT_INS = ['Activate', 'Stop', 'RegisterCallback', 'Ping'] as const;
export type BuiltIn = (typeof BUILT_INS)[number];

export function isBuiltIn(name: string): name is BuiltIn {
  return (BUILT_INS as readonly string[]).includes(name);
}
