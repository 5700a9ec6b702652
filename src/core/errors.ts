/**
 * Typed errors with stable codes. A UI shows `code` and `hint`; `message` says what happened
 * and to which plugin; `cause` keeps the underlying error for logs.
 */
export type GoPlugErrorCode =
  | 'CONFIG_INVALID'
  | 'NOT_DISCOVERED'
  | 'ALREADY_STARTED'
  | 'NOT_STARTED'
  | 'CONNECT_FAILED'
  | 'TIMEOUT'
  | 'PLUGIN_GONE'
  | 'METHOD_NOT_FOUND'
  | 'BAD_RESPONSE'
  | 'TOO_LARGE'
  | 'UNTRUSTED'
  | 'NOT_APPROVED'
  | 'CANNOT_START'
  | 'FILES_PRESENT';

const HINTS: Record<GoPlugErrorCode, string> = {
  CONFIG_INVALID: 'Fix the .pconf file named in the message; it is re-read as soon as it changes.',
  NOT_DISCOVERED: 'Check the plugin id and that its .pconf is in one of the watched folders, then rescan.',
  ALREADY_STARTED: 'The plugin is already running; stop it first if you want to restart it.',
  NOT_STARTED: 'Start the plugin first.',
  CONNECT_FAILED: 'Is the plugin process running? Its socket refused the connection or does not exist.',
  TIMEOUT: 'The plugin did not answer in time. Raise the timeout or check the plugin for a hang.',
  PLUGIN_GONE: 'The plugin closed the connection mid-call: it probably crashed or stopped. Check its logs.',
  METHOD_NOT_FOUND: 'The plugin does not serve this method. Pick one of the methods it listed on Activate.',
  BAD_RESPONSE: 'The plugin answered something that is not valid HTTP/1.1 for GoPlug. Check the plugin.',
  TOO_LARGE: 'The response is larger than the configured limit. Raise the limit or ask for less.',
  UNTRUSTED:
    'Another user owns this socket, so it could be impersonating the plugin. Allow that user in settings only if you trust it.',
  NOT_APPROVED:
    'Approve the command first: Approve in the desktop app, the code `goplug serve` prints, or `goplug trust MANIFEST` in a terminal.',
  CANNOT_START:
    'This host does not know how to start the process: start it where it was started before, or remember its command as a launch manifest.',
  FILES_PRESENT: 'Its files are still in a watched folder and would bring it back: remove them first.',
};

/** Plain, serialisable form of an error, for IPC, JSON output and the UI. */
export interface ErrorInfo {
  code: GoPlugErrorCode;
  message: string;
  hint: string;
  /** Epoch milliseconds when the error happened. */
  at: number;
}

export class GoPlugError extends Error {
  readonly code: GoPlugErrorCode;
  readonly hint: string;
  readonly at = Date.now();

  constructor(code: GoPlugErrorCode, message: string, options?: { cause?: unknown; hint?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GoPlugError';
    this.code = code;
    this.hint = options?.hint ?? HINTS[code];
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message, hint: this.hint, at: this.at };
  }
}

export function isGoPlugError(err: unknown, code?: GoPlugErrorCode): err is GoPlugError {
  return err instanceof GoPlugError && (code === undefined || err.code === code);
}
