/**
 * A subscription's notifications, newest at the bottom. It follows new arrivals while the user is
 * at the bottom, and stops following (with a "Jump to newest" button) once they scroll up.
 */
import { useRef, useState } from 'react';
import { useFollowNewest } from '../hooks/useFollowNewest.js';
import type { Notification } from '../store/types.js';
import { NotificationItem } from './NotificationItem.js';
import { ViewBoundary } from './ViewBoundary.js';
import './NotificationList.css';

const NEAR_BOTTOM_PX = 24;

export function NotificationList({ items, label }: { items: Notification[]; label: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const newest = items.at(-1)?.seq;

  const onScroll = useFollowNewest(scroller, { follow, onFollowChange: setFollow, newest, slack: NEAR_BOTTOM_PX });

  return (
    <div className="notifications">
      <div className="notifications-scroll" ref={scroller} onScroll={onScroll}>
        {items.length === 0 ? (
          <p className="muted body-note">Waiting for notifications…</p>
        ) : (
          <ul aria-label={label} className="notification-list">
            {items.map((item) => (
              <ViewBoundary key={item.seq} label="Notification" element="li">
                <NotificationItem item={item} />
              </ViewBoundary>
            ))}
          </ul>
        )}
      </div>
      {!follow && (
        <button type="button" className="btn btn-small jump" onClick={() => setFollow(true)}>
          Jump to newest ↓ (auto-scroll paused)
        </button>
      )}
    </div>
  );
}
