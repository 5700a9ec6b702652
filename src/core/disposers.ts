/**
 * Teardown in one shape. Whatever registers something (an event listener, a callback
 * subscription, an event forwarder) returns a Disposer; whoever keeps the registration owns that
 * disposer and calls it when done, often through a Disposers that ends all it holds at once.
 * Objects that own resources of their own (a registry, a server) still have close().
 */
import type { Disposer } from './types.js';

/** A disposer that does its work once: calling it again does nothing. */
export function disposer(dispose: () => void): Disposer {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    dispose();
  };
}

/** Owns registrations: ends every one it holds, newest first, when it is disposed. */
export class Disposers {
  #held: Disposer[] = [];

  add(dispose: Disposer): void {
    this.#held.push(dispose);
  }

  dispose(): void {
    const held = this.#held.reverse();
    this.#held = [];
    for (const dispose of held) dispose();
  }
}
