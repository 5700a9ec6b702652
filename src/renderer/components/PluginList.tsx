/**
 * The plugin list: a tree grid (groups, then plugins in sortable columns), virtualised so that
 * 1,000 plugins scroll smoothly. Keyboard: arrows move, Enter opens, Space picks and opens (never
 * starts or stops), Ctrl+Space adds or removes one, Shift+arrows and Shift+Space pick a range,
 * Ctrl+A picks all shown, Home/End/PageUp/PageDown jump, Left/Right fold a group. Mouse: a click
 * opens, Ctrl-click and Shift-click pick.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { buildListItems, type ListItem } from '../lib/pluginListItems.js';
import { useStudio } from '../store/context.js';
import { GroupHeader } from './GroupHeader.js';
import { ListHeader } from './ListHeader.js';
import { PickedBar } from './PickedBar.js';
import { PluginFilter } from './PluginFilter.js';
import { PluginRow } from './PluginRow.js';
import './PluginList.css';

const GROUP_HEIGHT = 28;
const ROW_HEIGHT = 44;
const NO_FOLDERS: string[] = [];

const itemKey = (item: ListItem | undefined) =>
  item === undefined ? '' : item.kind === 'group' ? `group:${item.key}` : `plugin:${item.id}`;

const pluginIds = (items: ListItem[]): string[] => items.flatMap((item) => (item.kind === 'plugin' ? [item.id] : []));

export function PluginList() {
  const plugins = useStudio((s) => s.plugins);
  const listView = useStudio((s) => s.listView);
  const folders = useStudio((s) => s.settings?.folders ?? NO_FOLDERS);
  const selection = useStudio((s) => s.selection);
  const picked = useStudio((s) => s.picked);
  const pick = useStudio((s) => s.pick);
  const toggleGroup = useStudio((s) => s.toggleGroup);
  const select = useStudio((s) => s.select);

  const items = useMemo(() => buildListItems(plugins, listView, folders), [plugins, listView, folders]);
  const pickedSet = useMemo(() => new Set(picked), [picked]);
  const selectedId = selection?.kind === 'plugin' ? selection.id : undefined;
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));
  /** Where a Shift range starts: the last row picked alone or with Ctrl. */
  const anchor = useRef<string | null>(null);

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is meant to be used this way
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    getItemKey: (i) => itemKey(items[i]),
    overscan: 12,
  });

  const open = useCallback(
    (id: string) => {
      select({ kind: 'plugin', id });
      pick([id]);
      anchor.current = id;
    },
    [select, pick],
  );

  /** Picks the plugins between the anchor and `id` in the order shown. */
  const pickRange = (id: string) => {
    const ids = pluginIds(items);
    const from = anchor.current === null ? -1 : ids.indexOf(anchor.current);
    const to = ids.indexOf(id);
    if (from === -1 || to === -1) return open(id);
    pick(ids.slice(Math.min(from, to), Math.max(from, to) + 1));
  };

  const togglePicked = (id: string) => {
    anchor.current = id;
    pick(pickedSet.has(id) ? picked.filter((p) => p !== id) : [...picked, id]);
  };

  const onRowClick = (id: string, event: MouseEvent<HTMLElement>) => {
    if (event.shiftKey) pickRange(id);
    else if (event.ctrlKey || event.metaKey) togglePicked(id);
    else open(id);
  };

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(items.length - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target);
    // The row may only exist after the virtualiser rendered it.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus());
    return target;
  };

  const onKeyDown = (index: number, event: KeyboardEvent<HTMLElement>) => {
    // Keys on the switch or the Restart button inside a row are theirs.
    if (event.target !== event.currentTarget) return;
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
      const target = items[moveTo(to)];
      if (event.shiftKey && target?.kind === 'plugin') {
        if (anchor.current === null && item.kind === 'plugin') anchor.current = item.id;
        pickRange(target.id);
      }
    } else if (event.key === 'a' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      pick(pluginIds(items));
    } else if (item.kind === 'group') {
      const fold = event.key === 'ArrowLeft' ? true : event.key === 'ArrowRight' ? false : null;
      if (event.key === ' ' || event.key === 'Enter' || (fold !== null && item.collapsed !== fold && item.count > 0)) {
        event.preventDefault();
        if (item.count > 0) toggleGroup(item.key);
      }
    } else if (event.key === ' ') {
      event.preventDefault();
      if (event.shiftKey) pickRange(item.id);
      else if (event.ctrlKey || event.metaKey) togglePicked(item.id);
      else open(item.id);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(item.id);
    } else if (event.key === 'Escape' && picked.length > 1) {
      event.preventDefault();
      pick(selectedId ? [selectedId] : []);
    }
  };

  // The rows are memoised: they get handlers that stay the same and call the latest ones.
  const latest = useRef({ onKeyDown, onRowClick });
  useEffect(() => {
    latest.current = { onKeyDown, onRowClick };
  });
  const rowKeyDown = useCallback((index: number, event: KeyboardEvent<HTMLElement>) => latest.current.onKeyDown(index, event), []);
  const rowClick = useCallback((id: string, event: MouseEvent<HTMLElement>) => latest.current.onRowClick(id, event), []);

  const openFirst = () => {
    const first = items.find((item) => item.kind === 'plugin');
    if (first?.kind === 'plugin') open(first.id);
  };

  const count = Object.keys(plugins).length;
  const matches = pluginIds(items).length;
  return (
    <section className="plugin-list" aria-label="Plugin list">
      <PluginFilter onOpenFirst={openFirst} onEnterList={() => items.length > 0 && moveTo(0)} />
      <PickedBar />
      {matches === 0 && count > 0 && listView.filter.trim() !== '' && (
        <p className="list-empty">No plugin matches “{listView.filter}”.</p>
      )}
      <div
        role="treegrid"
        aria-label="Plugins"
        aria-multiselectable="true"
        aria-rowcount={items.length + 1}
        className="list-grid"
        onFocus={(e) => {
          // Clicking or tabbing into a row makes it the row the arrows start from.
          const index = Number((e.target as HTMLElement).dataset.index);
          if (Number.isInteger(index)) setActive(index);
        }}
      >
        <ListHeader />
        <div className="list-scroll" ref={scrollRef}>
          <div role="rowgroup" className="list-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const item = items[row.index];
              if (!item) return null;
              return item.kind === 'group' ? (
                <GroupHeader
                  key={row.key}
                  groupKey={item.key}
                  by={item.by}
                  name={item.name}
                  count={item.count}
                  collapsed={item.collapsed}
                  index={row.index}
                  focusable={row.index === activeIndex}
                  start={row.start}
                  height={row.size}
                  onToggle={toggleGroup}
                  onKeyDown={rowKeyDown}
                />
              ) : (
                <PluginRow
                  key={row.key}
                  id={item.id}
                  index={row.index}
                  selected={item.id === selectedId}
                  picked={pickedSet.has(item.id)}
                  focusable={row.index === activeIndex}
                  start={row.start}
                  height={row.size}
                  onClick={rowClick}
                  onKeyDown={rowKeyDown}
                />
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
