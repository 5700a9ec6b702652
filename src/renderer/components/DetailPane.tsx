/** The centre: settings, a problem file's inspector, or the selected plugin with its tabs. */
import { useEffect } from 'react';
import { useStudio } from '../store/context.js';
import type { Tab } from '../store/types.js';
import { CallbacksTab } from './CallbacksTab.js';
import { CollectionsPage } from './CollectionsPage.js';
import { ConsoleTab } from './ConsoleTab.js';
import { EmptyState } from './EmptyState.js';
import { preloadEditors } from './lazyEditors.js';
import { LogsTab } from './LogsTab.js';
import { OverviewTab } from './OverviewTab.js';
import { PconfTab } from './PconfTab.js';
import { PluginHeader } from './PluginHeader.js';
import { ProblemDetail } from './ProblemDetail.js';
import { SettingsPage } from './SettingsPage.js';
import { Tabs, panelId, tabId } from './Tabs.js';
import { visibleText } from '../lib/visibleText.js';
import { ViewBoundary } from './ViewBoundary.js';

const TAB_TITLES: ReadonlyArray<{ id: Tab; title: string }> = [
  { id: 'overview', title: 'Overview' },
  { id: 'console', title: 'Console' },
  { id: 'callbacks', title: 'Callbacks' },
  { id: 'pconf', title: 'pconf' },
];
/** Once a plugin can be launched (it has a manifest) or was, its output has a tab of its own. */
const WITH_LOGS = [...TAB_TITLES, { id: 'logs' as const, title: 'Logs' }];
const TAB_LABEL = Object.fromEntries(WITH_LOGS.map((t) => [t.id, t.title])) as Record<Tab, string>;

function Placeholder({ title, text }: { title: string; text: string }) {
  return (
    <div className="placeholder">
      <h2>{title}</h2>
      <p className="muted">{text}</p>
    </div>
  );
}

export function DetailPane() {
  const selection = useStudio((s) => s.selection);
  const tab = useStudio((s) => s.tab);
  const setTab = useStudio((s) => s.setTab);
  const plugin = useStudio((s) => (s.selection?.kind === 'plugin' ? s.plugins[s.selection.id] : undefined));
  const empty = useStudio(
    (s) => s.loaded && Object.keys(s.plugins).length === 0 && Object.keys(s.problems).length === 0,
  );
  // Whatever is selected (a plugin, a problem file, the settings) has an editor a click away.
  const selected = selection !== null;
  useEffect(() => {
    if (selected) preloadEditors();
  }, [selected]);

  if (selection?.kind === 'settings') return <SettingsPage />;
  if (selection?.kind === 'collections') return <CollectionsPage />;
  if (selection?.kind === 'problem') return <ProblemDetail path={selection.path} />;
  if (empty) return <EmptyState />;
  if (selection?.kind !== 'plugin') {
    return (
      <Placeholder
        title="No plugin selected"
        text="Pick a plugin on the left, or press / to filter the list."
      />
    );
  }
  if (!plugin) {
    return (
      <Placeholder
        title={`${visibleText(selection.id)} is not here`}
        text="It was forgotten, or it is in a folder that is no longer watched."
      />
    );
  }

  const tabs = plugin.manifest || plugin.process ? WITH_LOGS : TAB_TITLES;
  // A plugin without output shows its Overview where another one showed its Logs.
  const shown = tabs.some((t) => t.id === tab) ? tab : 'overview';

  return (
    <section className="detail" aria-label={visibleText(plugin.id)}>
      <PluginHeader plugin={plugin} />
      <Tabs label="Plugin views" idPrefix="detail" tabs={tabs} selected={shown} onSelect={setTab} />
      <div
        className="tab-panel"
        role="tabpanel"
        id={panelId('detail', shown)}
        aria-labelledby={tabId('detail', shown)}
      >
        {/* Each view of plugin data fails on its own: the header and the other tabs keep working. */}
        <ViewBoundary key={`${plugin.id}:${shown}`} label={TAB_LABEL[shown]} resetKey={plugin}>
          {shown === 'overview' && <OverviewTab plugin={plugin} />}
          {shown === 'console' && <ConsoleTab key={plugin.id} plugin={plugin} />}
          {shown === 'callbacks' && <CallbacksTab plugin={plugin} />}
          {shown === 'logs' && <LogsTab key={plugin.id} plugin={plugin} />}
          {shown === 'pconf' &&
            (plugin.confPath ? (
              <PconfTab path={plugin.confPath} refreshKey={plugin.history.length} />
            ) : (
              <p className="muted pad">No .pconf is known for this plugin yet.</p>
            ))}
        </ViewBoundary>
      </div>
    </section>
  );
}
