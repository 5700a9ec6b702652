/**
 * The accessible name of a plugin's row in the list starts with its id, then its state, Lazy and
 * methods ("demo/echo, Started, 2 methods"): this matches the row of exactly that id.
 */
export function rowNamed(id: string): RegExp {
  return new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(,|$)`);
}
