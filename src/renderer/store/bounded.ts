/** Appends to a newest-last list and drops the oldest beyond `max`, without mutating the input. */
export function appendBounded<T>(list: readonly T[], items: readonly T[], max: number): T[] {
  if (items.length === 0) return list as T[];
  const next = list.concat(items);
  return next.length > max ? next.slice(next.length - max) : next;
}
