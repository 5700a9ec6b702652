/**
 * A plugin's output, newest at the bottom, virtualised so that thousands of lines scroll smoothly.
 * It follows new output while `follow` is on; scrolling up turns it off (the owner shows that and
 * can turn it on again), scrolling back to the bottom turns it on.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';
import type { LogLine } from '../../shared/contract.js';
import { useFollowNewest } from '../hooks/useFollowNewest.js';
import { LogLineItem } from './LogLineItem.js';
import './LogLines.css';

const ROW_HEIGHT = 20;

export interface LogLinesProps {
  lines: LogLine[];
  label: string;
  search: string;
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
}

export function LogLines({ lines, label, search, follow, onFollowChange }: LogLinesProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is meant to be used this way
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => lines[i]?.seq ?? i,
    overscan: 20,
  });
  // The newest line's number, not the count: at the bound the count stays while lines move on.
  const newest = lines.at(-1)?.seq;

  const scrollToNewest = useCallback(() => {
    if (lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines.length, virtualizer]);
  const onScroll = useFollowNewest(scrollRef, { follow, onFollowChange, newest, slack: ROW_HEIGHT, scrollToNewest });

  return (
    // Focusable so that the keyboard scrolls it too.
    <div className="log-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={0} role="region" aria-label="Log lines">
      <ol className="log-list" aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const line = lines[v.index];
          return line ? (
            <LogLineItem
              key={v.key}
              line={line}
              search={search}
              style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
            />
          ) : null;
        })}
      </ol>
    </div>
  );
}
