/**
 * The activity log at the bottom: every event and every failure, newest last. Filter by text,
 * pause to read (new entries are counted, not shown), fold it away (remembered with the layout).
 * Its height is App's (the separator above it).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useFollowNewest } from '../hooks/useFollowNewest.js';
import { formatClock } from '../lib/format.js';
import { useStudio } from '../store/context.js';
import type { ActivityEntry } from '../store/types.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import { countOf } from '../../shared/units.js';
import './ActivityLog.css';

const ROW_HEIGHT = 24;

const matches = (entry: ActivityEntry, filter: string) =>
  filter === '' ||
  `${entry.event} ${entry.plugin ?? ''} ${entry.message}`.toLowerCase().includes(filter.toLowerCase());

export function ActivityLog({ height }: { height: number }) {
  const activity = useStudio((s) => s.activity);
  const clear = useStudio((s) => s.clearActivity);
  const open = useStudio((s) => s.layout.activityOpen);
  const setLayout = useStudio((s) => s.setLayout);
  const setOpen = (activityOpen: boolean) => setLayout({ activityOpen });
  const [filter, setFilter] = useState('');
  const [frozen, setFrozen] = useState<ActivityEntry[] | null>(null);
  const [follow, setFollow] = useState(true);
  const scrollRef = useRef<HTMLDivElement>(null);

  const shown = frozen ?? activity;
  const rows = useMemo(() => shown.filter((e) => matches(e, filter.trim())), [shown, filter]);
  const lastShownSeq = frozen?.at(-1)?.seq ?? 0;
  const waiting = frozen ? activity.filter((e) => e.seq > lastShownSeq).length : 0;
  const errors = useMemo(() => activity.filter((e) => e.level === 'error').length, [activity]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is meant to be used this way
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i]?.seq ?? i,
    overscan: 20,
  });
  const scrollToNewest = useCallback(() => {
    if (rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows.length, virtualizer]);
  // Opening the log shows its newest entries again.
  const onScroll = useFollowNewest(scrollRef, {
    follow,
    onFollowChange: setFollow,
    newest: open,
    slack: ROW_HEIGHT,
    scrollToNewest,
  });

  return (
    <section className={`activity${open ? ' is-open' : ''}`} aria-label="Activity log" style={open ? { height } : undefined}>
      <div className="activity-bar">
        <button type="button" className="btn btn-ghost btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span className="chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>{' '}
          Activity
        </button>
        <span className="muted num">{activity.length}</span>
        {errors > 0 && <span className="text-error num">{countOf(errors, 'error')}</span>}
        {open && (
          <>
            <input
              className="input input-small"
              type="search"
              aria-label="Filter activity"
              placeholder="Filter activity"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
            <button
              type="button"
              className="btn btn-small"
              aria-pressed={frozen !== null}
              onClick={() => setFrozen(frozen ? null : activity)}
            >
              {frozen ? `Resume${waiting > 0 ? ` (${waiting} new)` : ''}` : 'Pause'}
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => (setFrozen(null), clear())}>
              Clear
            </button>
          </>
        )}
      </div>
      {open && (
        // Focusable, so that the keyboard scrolls it too.
        <div className="activity-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={0} role="region" aria-label="Activity entries">
          {rows.length === 0 ? (
            <p className="muted body-note">{activity.length === 0 ? 'Nothing has happened yet.' : 'No entry matches the filter.'}</p>
          ) : (
            <ul className="activity-list" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((v) => {
                const e = rows[v.index];
                if (!e) return null;
                return (
                  <li
                    key={v.key}
                    className={`activity-row level-${e.level}`}
                    style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                  >
                    <span className="num activity-time">{formatClock(e.at, true)}</span>
                    <span className="activity-event">{e.event}</span>
                    <span className="mono activity-plugin" title={e.plugin === undefined ? undefined : visibleText(e.plugin)}>
                      <PluginText text={e.plugin ?? ''} />
                    </span>
                    <span className="activity-message" title={visibleText(e.message, { lines: true })}>
                      <PluginText text={e.message} />
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
