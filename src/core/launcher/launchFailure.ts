/** A launch that did not get as far as "ready": why, in words that read after the plugin id. */
import { GoPlugError, type GoPlugErrorCode } from '../errors.js';

export class LaunchFailure extends GoPlugError {
  /** E.g. "exited (code 1) before it was ready: <the end of its output>". */
  readonly reason: string;
  /**
   * One line for the log and the process events, without the output (which is in the log already):
   * "exited (code 1) before it was ready". The reason when not given.
   */
  readonly summary: string;

  constructor(
    code: GoPlugErrorCode,
    id: string,
    reason: string,
    details: { hint?: string; summary?: string } = {},
  ) {
    super(code, `${id} ${reason}`, details.hint === undefined ? undefined : { hint: details.hint });
    this.name = 'LaunchFailure';
    this.reason = reason;
    this.summary = details.summary ?? reason;
  }
}
