import type { CSSProperties, KeyboardEvent } from 'react';
import { namespaceLabel } from '../lib/pluginListItems.js';
import { PluginText } from './PluginText.js';
import './NamespaceHeader.css';

export interface NamespaceHeaderProps {
  namespace: string;
  count: number;
  collapsed: boolean;
  index: number;
  focusable: boolean;
  onToggle: (namespace: string) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
  style?: CSSProperties;
}

/** A namespace group's header: folds and unfolds its plugins. */
export function NamespaceHeader({ namespace, count, collapsed, index, focusable, onToggle, onKeyDown, style }: NamespaceHeaderProps) {
  return (
    <div className="group-header" role="listitem" style={style}>
      <button
        type="button"
        data-index={index}
        tabIndex={focusable ? 0 : -1}
        aria-expanded={!collapsed}
        onClick={() => onToggle(namespace)}
        onKeyDown={onKeyDown}
      >
        <span className="chevron" aria-hidden="true">
          {collapsed ? '▸' : '▾'}
        </span>
        <PluginText className="group-name" text={namespaceLabel(namespace)} />
        <span className="group-count num">{count}</span>
      </button>
    </div>
  );
}
