/**
 * A Unix socket address holds its path in `sun_path`: 108 bytes on Linux, 104 on macOS and the
 * BSDs, one of them the terminating NUL. A longer path cannot be listened on or connected to (the
 * Go plugin then fails silently), so the parser refuses it up front.
 */
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
