/**
 * A large body (tens of MiB) worked through in slices, each a short task, with the browser free
 * to paint and take input between them: decoded to text for "Show all", or made into a Blob for
 * "Save to file".
 */
import { base64ToBytes } from './bytes.js';
import { visibleText } from './visibleText.js';

/** Base64 characters decoded per slice (768 KiB of body): a few milliseconds of work. */
const SLICE_CHARS = 1024 * 1024;
/** Characters per shown piece: the page lays out only the pieces on screen. */
export const PIECE_CHARS = 64 * 1024;

const breather = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The body's bytes, slice by slice; stops early when `signal` is aborted. */
async function* byteSlices(base64: string, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < base64.length; at += SLICE_CHARS) {
    if (signal?.aborted) return;
    yield base64ToBytes(base64.slice(at, at + SLICE_CHARS));
    await breather();
  }
}

/**
 * The body as text in pieces of about PIECE_CHARS, hidden characters made visible (tab and line
 * breaks kept); `onPieces` gets each slice's pieces as they are ready.
 */
export async function decodeTextPieces(
  base64: string,
  onPieces: (pieces: string[]) => void,
  signal?: AbortSignal,
): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  const flush = (text: string) => {
    const pieces: string[] = [];
    for (let at = 0; at < text.length; at += PIECE_CHARS) pieces.push(visibleText(text.slice(at, at + PIECE_CHARS), { lines: true }));
    if (pieces.length > 0) onPieces(pieces);
  };
  for await (const bytes of byteSlices(base64, signal)) flush(decoder.decode(bytes, { stream: true }));
  if (!signal?.aborted) flush(decoder.decode());
}

/** The body as a Blob, built slice by slice. */
export async function bodyBlob(base64: string, type: string): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for await (const bytes of byteSlices(base64)) parts.push(bytes as Uint8Array<ArrayBuffer>);
  return new Blob(parts, { type });
}

/** A file name from plugin text: only letters, digits, dot, dash and underscore, never empty. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '').slice(0, 80);
  return cleaned === '' ? fallback : cleaned;
}

/** Offers the Blob as a download (the browser's or Electron's own save), on the user's click. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the URL by the next task; keep it a while for slow starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
