/** Bodies as the API carries them (base64), for the renderer's tests (which build them; the page only decodes). */
export function toBase64(body: string | Uint8Array): string {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
