/**
 * One-time codes for approvals in web mode: the page asks, `goplug serve` prints a code in its
 * terminal, and only a person who sees that terminal can type it back. A code is bound to one
 * manifest path and command hash (a changed manifest needs a new code), lives 5 minutes, and
 * is void after a few wrong tries, so guessing it from the page is hopeless.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';

const LIFETIME_MS = 5 * 60_000;
const MAX_TRIES = 5;

interface Issued {
  code: string;
  expires: number;
  triesLeft: number;
}

export class ApprovalCodes {
  readonly #issued = new Map<string, Issued>();

  /** A fresh code for this key (a new request replaces an older code). */
  issue(key: string): string {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.#issued.set(key, { code, expires: Date.now() + LIFETIME_MS, triesLeft: MAX_TRIES });
    return code;
  }

  /** True once for the right code; a wrong one uses up a try. */
  redeem(key: string, code: string): boolean {
    const issued = this.#issued.get(key);
    if (issued === undefined || issued.expires < Date.now()) {
      this.#issued.delete(key);
      return false;
    }
    const given = Buffer.from(code.trim(), 'utf8');
    const wanted = Buffer.from(issued.code, 'utf8');
    if (given.length === wanted.length && timingSafeEqual(given, wanted)) {
      this.#issued.delete(key);
      return true;
    }
    if (--issued.triesLeft <= 0) this.#issued.delete(key);
    return false;
  }
}
