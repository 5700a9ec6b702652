/**
 * A group's header row in the plugin list (a namespace, or a watched folder): folds and unfolds
 * its plugins; a watched folder without plugins says so.
 */
import { memo, type KeyboardEvent } from 'react';
import { groupLabel } from '../lib/pluginListItems.js';
import type { GroupBy } from '../store/types.js';
import { PluginText } from './PluginText.js';
import './GroupHeader.css';

export interface GroupHeaderProps {
  groupKey: string;
  by: GroupBy;
  name: string;
  count: number;
  collapsed: boolean;
  index: number;
  focusable: boolean;
  /** Where the virtualiser puts the row, px. */
  start: number;
  height: number;
  onToggle: (key: string) => void;
  onKeyDown: (index: number, event: KeyboardEvent<HTMLElement>) => void;
}

export const GroupHeader = memo(function GroupHeader(props: GroupHeaderProps) {
  const { groupKey, by, name, count, collapsed, index, focusable, start, height, onToggle, onKeyDown } = props;
  const empty = count === 0;
  const label = groupLabel({ by, name });
  return (
    <div
      role="row"
      aria-level={1}
      aria-rowindex={index + 2}
      aria-expanded={empty ? undefined : !collapsed}
      className={`group-header group-${by}`}
      data-index={index}
      tabIndex={focusable ? 0 : -1}
      style={{ transform: `translateY(${start}px)`, height }}
      onClick={() => !empty && onToggle(groupKey)}
      onKeyDown={(e) => onKeyDown(index, e)}
    >
      <span role="gridcell" className="group-cell">
        <span className="chevron" aria-hidden="true">
          {empty ? '·' : collapsed ? '▸' : '▾'}
        </span>
        <PluginText className={by === 'folder' ? 'group-name group-folder-name' : 'group-name'} text={label} />
        <span className="group-count num">{empty ? 'no plugins yet' : count}</span>
      </span>
    </div>
  );
});
