/** A URL from untrusted text, or undefined: every decision about a URL starts from the parsed one. */
export function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}
