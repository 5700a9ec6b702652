/** A launch that did not get as far as "ready": why, in words that read after the plugin id. */
import { GoPlugError, type GoPlugErrorCode } from '../errors.js';

export class LaunchFailure extends GoPlugError {
  /** E.g. "exited (code 1) before it was ready: <the end of its output>". */
  readonly reason: string;

  constructor(code: GoPlugErrorCode, id: string, reason: string, hint?: string) {
    super(code, `${id} ${reason}`, hint === undefined ? undefined : { hint });
    this.name = 'LaunchFailure';
    this.reason = reason;
  }
}
