/**
 * Keeps a scrolling list on its newest entry, newest at the bottom: while `follow` is on, a newer
 * entry scrolls it into view; the user scrolling up turns following off, scrolling back down to
 * the bottom turns it on again. Used by the activity log, the Logs tab and the notifications.
 */
import { useLayoutEffect, type RefObject } from 'react';

export interface FollowNewest<E extends HTMLElement> {
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
  /** Changes when there is something newer to show (e.g. the newest entry's number). */
  newest: unknown;
  /** How near the bottom counts as at the bottom, px (about one row). */
  slack: number;
  /** Brings the newest entry into view; a virtualised list passes its own. Default: to the bottom. */
  scrollToNewest?: (element: E) => void;
}

const toBottom = (element: HTMLElement) => {
  element.scrollTop = element.scrollHeight;
};

/** Returns the scroll handler for the element in `scrollRef`. */
export function useFollowNewest<E extends HTMLElement>(
  scrollRef: RefObject<E | null>,
  { follow, onFollowChange, newest, slack, scrollToNewest = toBottom }: FollowNewest<E>,
): () => void {
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element && follow) scrollToNewest(element);
  }, [scrollRef, follow, newest, scrollToNewest]);

  return () => {
    const element = scrollRef.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= slack;
    if (atBottom !== follow) onFollowChange(atBottom);
  };
}
