/** A long path cut from the front, keeping its last segments: `…/plugins/echo.sock`. */
export function shortPath(path: string, maxChars = 40): string {
  if (path.length <= maxChars) return path;
  const parts = path.split('/');
  let tail = parts.pop() ?? '';
  while (parts.length > 0 && tail.length + (parts.at(-1)?.length ?? 0) + 3 <= maxChars) {
    tail = `${parts.pop()}/${tail}`;
  }
  return `…/${tail}`;
}
