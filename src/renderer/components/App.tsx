/**
 * The window: toolbar on top, plugin list on the left, the selection in the centre, activity below.
 * The list's width and the activity log's height are the person's to set (drag or arrow keys on
 * the separators) and are remembered with the rest of the layout.
 */
import { useEscapeCloses } from '../hooks/useEscapeCloses.js';
import { useSlashToFocus } from '../hooks/useSlashToFocus.js';
import { useTheme } from '../hooks/useTheme.js';
import { useWindowSize } from '../hooks/useWindowSize.js';
import { paneSizes } from '../lib/layoutSizes.js';
import { useStudio } from '../store/context.js';
import { LAYOUT_LIMITS } from '../store/types.js';
import { ActivityLog } from './ActivityLog.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { DetailPane } from './DetailPane.js';
import { Loading } from './Loading.js';
import { PLUGIN_FILTER_ID } from './PluginFilter.js';
import { PluginList } from './PluginList.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import { Splitter } from './Splitter.js';
import { StopConfirmDialog } from './StopConfirmDialog.js';
import { Toasts } from './Toasts.js';
import { Toolbar } from './Toolbar.js';
import { ViewBoundary } from './ViewBoundary.js';
import './App.css';

export function App() {
  const loaded = useStudio((s) => s.loaded);
  const theme = useStudio((s) => s.settings?.theme);
  const layout = useStudio((s) => s.layout);
  const setLayout = useStudio((s) => s.setLayout);
  useTheme(theme);
  useSlashToFocus(PLUGIN_FILTER_ID);
  useEscapeCloses();
  const sizes = paneSizes(layout, useWindowSize());

  return (
    <div className="app">
      <ConnectionBanner />
      <Toolbar />
      <main className="main" style={{ gridTemplateColumns: `${sizes.listWidth}px auto minmax(0, 1fr)` }}>
        <aside className="sidebar" aria-label="Plugins and problems">
          <ViewBoundary label="Plugin list">
            <PluginList />
          </ViewBoundary>
          <ViewBoundary label="Problems">
            <ProblemsPanel />
          </ViewBoundary>
        </aside>
        <Splitter
          label="Plugin list width"
          orientation="vertical"
          value={sizes.listWidth}
          min={LAYOUT_LIMITS.listWidth.min}
          max={sizes.listMax}
          onChange={(listWidth) => setLayout({ listWidth })}
        />
        <div className="centre">
          <ViewBoundary label="Selection">{loaded ? <DetailPane /> : <Loading />}</ViewBoundary>
        </div>
      </main>
      {layout.activityOpen && (
        <Splitter
          label="Activity log height"
          orientation="horizontal"
          reverse
          value={sizes.activityHeight}
          min={LAYOUT_LIMITS.activityHeight.min}
          max={sizes.activityMax}
          onChange={(activityHeight) => setLayout({ activityHeight })}
        />
      )}
      <ViewBoundary label="Activity log">
        <ActivityLog height={sizes.activityHeight} />
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
