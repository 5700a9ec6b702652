/** The plugin list's column headers: a click sorts by the column, again the other way (aria-sort says which). */
import { useStudio } from '../store/context.js';
import type { SortKey } from '../store/types.js';

const COLUMNS: ReadonlyArray<{ key: SortKey; label: string }> = [
  { key: 'state', label: 'State' },
  { key: 'name', label: 'Name' },
  { key: 'methods', label: 'Methods' },
  { key: 'process', label: 'Pid · uptime' },
  { key: 'socket', label: 'Socket' },
];

export function ListHeader() {
  const sort = useStudio((s) => s.listView.sort);
  const descending = useStudio((s) => s.listView.descending);
  const sortBy = useStudio((s) => s.sortBy);
  return (
    <div role="row" aria-rowindex={1} className="list-head list-cols">
      {COLUMNS.map(({ key, label }) => {
        const active = sort === key;
        return (
          <span
            key={key}
            role="columnheader"
            className={`col-${key}`}
            aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
          >
            <button type="button" className="col-sort" onClick={() => sortBy(key)}>
              {label}
              <span className="sort-mark" aria-hidden="true">
                {active ? (descending ? ' ▼' : ' ▲') : ''}
              </span>
            </button>
          </span>
        );
      })}
      <span role="columnheader" className="col-actions">
        <span className="visually-hidden">On/off</span>
      </span>
    </div>
  );
}
