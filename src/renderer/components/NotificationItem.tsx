/** One callback notification: time, size, a preview; expands to the whole body. */
import { memo, useMemo, useState } from 'react';
import { classifyBody, previewBody } from '../lib/bodyView.js';
import { base64ToBytes } from '../lib/bytes.js';
import { formatBytes, formatClock } from '../lib/format.js';
import type { Notification } from '../store/types.js';
import { BodyView } from './BodyView.js';
import './NotificationItem.css';

export const NotificationItem = memo(function NotificationItem({ item }: { item: Notification }) {
  const [open, setOpen] = useState(false);
  const bytes = useMemo(() => base64ToBytes(item.base64), [item.base64]);
  const preview = useMemo(() => previewBody(bytes), [bytes]);
  return (
    <li className={`notification${open ? ' is-open' : ''}`}>
      <button type="button" className="notification-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="num muted">{formatClock(item.at, true)}</span>
        <span className="num muted notification-size">{formatBytes(item.size)}</span>
        <span className="mono notification-preview">{preview}</span>
      </button>
      {open && (
        <div className="notification-body">
          <BodyView view={classifyBody(bytes)} />
        </div>
      )}
    </li>
  );
});
