/**
 * The filter box above the plugin list, with its short help (a disclosure, not a dialog) and the
 * terms it did not understand. Enter opens the first match; ArrowDown goes to the list; Escape
 * empties it.
 */
import { useId, useMemo, useState } from 'react';
import { FILTER_HELP, parseFilter } from '../lib/pluginFilter.js';
import { useStudio } from '../store/context.js';
import type { GroupBy } from '../store/types.js';
import './PluginFilter.css';

export const PLUGIN_FILTER_ID = 'plugin-filter';

export interface PluginFilterProps {
  onOpenFirst: () => void;
  onEnterList: () => void;
}

export function PluginFilter({ onOpenFirst, onEnterList }: PluginFilterProps) {
  const listView = useStudio((s) => s.listView);
  const setListView = useStudio((s) => s.setListView);
  const [helpOpen, setHelpOpen] = useState(false);
  const helpId = useId();
  const errorsId = useId();
  const errors = useMemo(() => parseFilter(listView.filter).errors, [listView.filter]);

  return (
    <div className="list-controls">
      <div className="filter-line">
        <input
          id={PLUGIN_FILTER_ID}
          className="input filter"
          type="search"
          placeholder="Filter: text, state:started, lazy, method:…   /"
          aria-label="Filter plugins"
          aria-describedby={errors.length > 0 ? errorsId : undefined}
          aria-invalid={errors.length > 0 || undefined}
          value={listView.filter}
          onChange={(e) => setListView({ filter: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onOpenFirst();
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              onEnterList();
            } else if (e.key === 'Escape' && listView.filter !== '') {
              e.stopPropagation();
              setListView({ filter: '' });
            }
          }}
        />
        <button
          type="button"
          className="btn btn-small"
          aria-expanded={helpOpen}
          aria-controls={helpId}
          title="How to filter"
          onClick={() => setHelpOpen(!helpOpen)}
        >
          ?<span className="visually-hidden"> Filter help</span>
        </button>
        <select
          className="input group-by"
          aria-label="Group by"
          value={listView.groupBy}
          onChange={(e) => setListView({ groupBy: e.target.value as GroupBy })}
        >
          <option value="namespace">By namespace</option>
          <option value="folder">By folder</option>
        </select>
      </div>
      {errors.length > 0 && (
        <p id={errorsId} className="filter-errors" role="status">
          {errors.join('; ')}
        </p>
      )}
      <div id={helpId} className="filter-help" hidden={!helpOpen}>
        <table>
          <caption className="visually-hidden">Filter syntax</caption>
          <tbody>
            {FILTER_HELP.map(([example, meaning]) => (
              <tr key={example}>
                <th scope="row">
                  <code>{example}</code>
                </th>
                <td>{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Terms combine (all must hold). Enter opens the first match.</p>
      </div>
    </div>
  );
}
