/**
 * One-time codes for approvals in web mode: the page asks, `goplug serve` prints a code in its
 * terminal, and only a person who sees that terminal can type it back. A code is bound to one
 * manifest path and command hash (a changed manifest needs a new code), lives 5 minutes, and
 * is void after a few wrong tries. Asking again gives a new code but not new chances without end:
 * after 20 wrong codes in all, no code is taken until `goplug serve` restarts, so guessing from
 * the page stays at 20 in a million.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';

const LIFETIME_MS = 5 * 60_000;
const MAX_TRIES = 5;
const MAX_WRONG_IN_ALL = 20;

export type Redeemed = 'approved' | 'wrong' | 'locked';

interface Issued {
  code: string;
  expires: number;
  triesLeft: number;
}

export class ApprovalCodes {
  readonly #issued = new Map<string, Issued>();
  #wrongInAll = 0;

  /** A fresh code for this key (a new request replaces an older code). */
  issue(key: string): string {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.#issued.set(key, { code, expires: Date.now() + LIFETIME_MS, triesLeft: MAX_TRIES });
    return code;
  }

  /** 'approved' once for the right code; a wrong one uses up a try; 'locked' after too many. */
  redeem(key: string, code: string): Redeemed {
    if (this.#wrongInAll >= MAX_WRONG_IN_ALL) return 'locked';
    const issued = this.#issued.get(key);
    const given = Buffer.from(code.trim(), 'utf8');
    const wanted = Buffer.from(issued?.code ?? '', 'utf8');
    if (
      issued !== undefined &&
      issued.expires >= Date.now() &&
      given.length === wanted.length &&
      timingSafeEqual(given, wanted)
    ) {
      this.#issued.delete(key);
      return 'approved';
    }
    this.#wrongInAll++;
    if (issued !== undefined && (--issued.triesLeft <= 0 || issued.expires < Date.now()))
      this.#issued.delete(key);
    return this.#wrongInAll >= MAX_WRONG_IN_ALL ? 'locked' : 'wrong';
  }
}
