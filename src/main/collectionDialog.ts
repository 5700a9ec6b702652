/**
 * The native dialog for a collection file outside the watched folders: what the person picks is
 * their approval for the page to read or write that one file (src/service/handlers/collections.ts).
 */
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';

const filters = [{ name: 'GoPlug collections', extensions: ['json'] }];

export async function pickCollectionFile(
  parent: BrowserWindow | undefined,
  purpose: 'open' | 'save',
  suggestedName?: string,
): Promise<string | null> {
  if (purpose === 'open') {
    const options = { title: 'Open a collection', properties: ['openFile'], filters } satisfies OpenDialogOptions;
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }
  const options = {
    title: 'Save the collection',
    filters,
    ...(suggestedName !== undefined && { defaultPath: suggestedName }),
  } satisfies SaveDialogOptions;
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled ? null : (result.filePath ?? null);
}
