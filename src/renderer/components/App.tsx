/** The window: toolbar on top, plugin list on the left, the selection in the centre, activity below. */
import { useSlashToFocus } from '../hooks/useSlashToFocus.js';
import { useTheme } from '../hooks/useTheme.js';
import { useStudio } from '../store/context.js';
import { ActivityLog } from './ActivityLog.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { DetailPane } from './DetailPane.js';
import { Loading } from './Loading.js';
import { PLUGIN_FILTER_ID, PluginList } from './PluginList.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import { StopConfirmDialog } from './StopConfirmDialog.js';
import { Toasts } from './Toasts.js';
import { Toolbar } from './Toolbar.js';
import { ViewBoundary } from './ViewBoundary.js';
import './App.css';

export function App() {
  const loaded = useStudio((s) => s.loaded);
  const theme = useStudio((s) => s.settings?.theme);
  useTheme(theme);
  useSlashToFocus(PLUGIN_FILTER_ID);

  return (
    <div className="app">
      <ConnectionBanner />
      <Toolbar />
      <main className="main">
        <aside className="sidebar">
          <ViewBoundary label="Plugin list">
            <PluginList />
          </ViewBoundary>
          <ViewBoundary label="Problems">
            <ProblemsPanel />
          </ViewBoundary>
        </aside>
        <div className="centre">
          <ViewBoundary label="Selection">{loaded ? <DetailPane /> : <Loading />}</ViewBoundary>
        </div>
      </main>
      <ViewBoundary label="Activity log">
        <ActivityLog />
      </ViewBoundary>
      <ViewBoundary label="Notices">
        <Toasts />
      </ViewBoundary>
      <ViewBoundary label="Stop confirmation">
        <StopConfirmDialog />
      </ViewBoundary>
    </div>
  );
}
