/** One callback notification: time, size, whether it is backlog, a preview; expands to the whole body. */
import { memo, useMemo, useState } from 'react';
import { bodyFileExtension, describeBody, previewBody } from '../lib/bodyView.js';
import { formatBytes, formatClock } from '../lib/format.js';
import type { Notification } from '../store/types.js';
import { BodyView } from './BodyView.js';
import { PluginText } from './PluginText.js';
import './NotificationItem.css';

export const NotificationItem = memo(function NotificationItem({ item }: { item: Notification }) {
  const [open, setOpen] = useState(false);
  const view = useMemo(() => describeBody(item.base64, item.size), [item.base64, item.size]);
  const preview = useMemo(() => previewBody(view), [view]);
  return (
    <li className={`notification${open ? ' is-open' : ''}`}>
      <button type="button" className="notification-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="num muted">{formatClock(item.at, true)}</span>
        <span className="num muted notification-size">{formatBytes(item.size)}</span>
        {item.backlog && (
          <span className="notification-backlog" title="Queued by the plugin before the subscription began">
            backlog
          </span>
        )}
        <span className="mono notification-preview">
          <PluginText text={preview} />
        </span>
      </button>
      {open && (
        <div className="notification-body">
          <BodyView view={view} base64={item.base64} fileName={`notification-${item.seq}.${bodyFileExtension(view)}`} />
        </div>
      )}
    </li>
  );
});
