/**
 * The plugin list: filter and sort on top, namespace groups below, virtualised so that 1,000
 * plugins scroll smoothly. Keyboard: arrows move, Space toggles, Enter opens, Home/End jump.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { buildListItems, type ListItem } from '../lib/pluginListItems.js';
import { useActions, useStudio } from '../store/context.js';
import type { SortKey } from '../store/types.js';
import { NamespaceHeader } from './NamespaceHeader.js';
import { PluginRow } from './PluginRow.js';
import './PluginList.css';

export const PLUGIN_FILTER_ID = 'plugin-filter';
const GROUP_HEIGHT = 28;
const ROW_HEIGHT = 44;

const itemKey = (item: ListItem | undefined) =>
  item === undefined ? '' : item.kind === 'group' ? `group:${item.namespace}` : `plugin:${item.id}`;

export function PluginList() {
  const plugins = useStudio((s) => s.plugins);
  const listView = useStudio((s) => s.listView);
  const selection = useStudio((s) => s.selection);
  const setListView = useStudio((s) => s.setListView);
  const toggleNamespace = useStudio((s) => s.toggleNamespace);
  const select = useStudio((s) => s.select);
  const actions = useActions();

  const items = useMemo(() => buildListItems(plugins, listView), [plugins, listView]);
  const selectedId = selection?.kind === 'plugin' ? selection.id : undefined;
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is meant to be used this way
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    getItemKey: (i) => itemKey(items[i]),
    overscan: 12,
  });

  const open = useCallback((id: string) => select({ kind: 'plugin', id }), [select]);

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(items.length - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target);
    // The row may only exist after the virtualiser rendered it.
    requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus(),
    );
  };

  const onKeyDown = (index: number) => (event: KeyboardEvent<HTMLElement>) => {
    const item = items[index];
    if (!item) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT));
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: items.length - 1,
      PageDown: index + page,
      PageUp: index - page,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      moveTo(to);
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      setActive(index);
      if (item.kind === 'group') toggleNamespace(item.namespace);
      else if (event.key === ' ') void actions.togglePlugin(item.id);
      else open(item.id);
    } else if (item.kind === 'group' && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      if (item.collapsed === (event.key === 'ArrowRight')) toggleNamespace(item.namespace);
    }
  };

  const count = Object.keys(plugins).length;
  return (
    <section className="plugin-list" aria-label="Plugin list">
      <div className="list-controls">
        <input
          id={PLUGIN_FILTER_ID}
          className="input filter"
          type="search"
          placeholder="Filter plugins   /"
          aria-label="Filter plugins"
          value={listView.filter}
          onChange={(e) => setListView({ filter: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && items.length > 0) {
              e.preventDefault();
              moveTo(0);
            } else if (e.key === 'Escape') setListView({ filter: '' });
          }}
        />
        <select
          className="input sort"
          aria-label="Sort by"
          value={listView.sort}
          onChange={(e) => setListView({ sort: e.target.value as SortKey })}
        >
          <option value="name">Name</option>
          <option value="state">State</option>
        </select>
      </div>
      <div className="list-scroll" ref={scrollRef}>
        {items.length === 0 && count > 0 && (
          <p className="list-empty">No plugin matches “{listView.filter}”.</p>
        )}
        <div
          role="list"
          aria-label="Plugins"
          className="list-inner"
          style={{ height: virtualizer.getTotalSize() }}
          onFocus={(e) => {
            // Clicking or tabbing into a row makes it the row the arrows start from.
            const index = Number((e.target as HTMLElement).dataset.index);
            if (Number.isInteger(index)) setActive(index);
          }}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            if (!item) return null;
            const style = { transform: `translateY(${row.start}px)`, height: row.size };
            return item.kind === 'group' ? (
              <NamespaceHeader
                key={row.key}
                namespace={item.namespace}
                count={item.count}
                collapsed={item.collapsed}
                index={row.index}
                focusable={row.index === activeIndex}
                onToggle={toggleNamespace}
                onKeyDown={onKeyDown(row.index)}
                style={style}
              />
            ) : (
              <PluginRow
                key={row.key}
                id={item.id}
                index={row.index}
                selected={item.id === selectedId}
                focusable={row.index === activeIndex}
                onOpen={open}
                onKeyDown={onKeyDown(row.index)}
                style={style}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}
