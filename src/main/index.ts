/** Electron main entry: everything happens in studioApp.ts. */
import { app, dialog } from 'electron';
import { runStudio } from './studioApp.js';

runStudio().catch((error: unknown) => {
  console.error('GoPlug Studio failed to start:', error);
  dialog.showErrorBox(
    'GoPlug Studio failed to start',
    error instanceof Error ? error.message : String(error),
  );
  app.exit(1);
});
