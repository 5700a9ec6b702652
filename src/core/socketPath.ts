/**
 * A Unix socket address holds its path in `sun_path`: 108 bytes on Linux, 104 on macOS and the
 * BSDs, one of them the terminating NUL. Node cuts a longer path short without a word, so it would
 * listen on, or connect to, another path (the Go plugin fails silently); the parser, the SDK, the
 * wire client and the socket probe refuse it up front instead.
 */
import { quote } from './text/safeText.js';

/** Enough of a path to name it in a message, as every over-long socket path is longer than 103. */
export const MAX_QUOTED_PATH = 300;

export interface SocketPathLimit {
  maxBytes: number;
  system: string;
}

export function socketPathLimit(platform: NodeJS.Platform = process.platform): SocketPathLimit {
  if (platform === 'darwin') return { maxBytes: 103, system: 'macOS' };
  if (platform.endsWith('bsd')) return { maxBytes: 103, system: platform };
  return { maxBytes: 107, system: platform === 'linux' ? 'Linux' : platform };
}

/** Why the path cannot be a socket address, or null when it can. */
export function socketPathProblem(path: string, limit = socketPathLimit()): string | null {
  if (path.includes('\0')) return 'the socket path contains a NUL character';
  const bytes = Buffer.byteLength(path, 'utf8');
  if (bytes <= limit.maxBytes) return null;
  return `the socket path is ${bytes} bytes long; a Unix socket address allows at most ${limit.maxBytes} bytes on ${limit.system}`;
}

/**
 * A Node-style system error naming the path, for a socket path refused before Node sees it
 * (ENAMETOOLONG, or EINVAL for a NUL); null when the path can be a socket address.
 */
export function socketPathError(path: string, limit = socketPathLimit()): NodeJS.ErrnoException | null {
  const problem = socketPathProblem(path, limit);
  if (problem === null) return null;
  const code = path.includes('\0') ? 'EINVAL' : 'ENAMETOOLONG';
  return Object.assign(new Error(`${problem}: ${quote(path, MAX_QUOTED_PATH)}`), { code, path });
}
