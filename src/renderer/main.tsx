/** Wires the transport, the store and the sync together, then renders the app. */
// The theme and the shared styles first: each component's own stylesheet (imported beside it) comes after them.
import './styles/theme.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/panels.css';
import './styles/syntax.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createStudioClient } from './api/index.js';
import { App } from './components/App.js';
import { applyTheme } from './hooks/useTheme.js';
import { createActions } from './store/actions.js';
import { StudioProvider } from './store/context.js';
import { createStudioStore } from './store/studioStore.js';
import { createSync } from './store/sync.js';

// Before the first paint, so a dark OS never sees a light flash while settings load.
applyTheme('system');

const client = createStudioClient();
const store = createStudioStore({ storage: window.localStorage });
const sync = createSync(client.api, store);
const actions = createActions(client.api, store, sync.resync);
sync.start(client.connection);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StudioProvider store={store} actions={actions}>
      <App />
    </StudioProvider>
  </StrictMode>,
);
