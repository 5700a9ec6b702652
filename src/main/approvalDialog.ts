/**
 * The desktop app's approval of a launch command: a native dialog of the main process, which the
 * page can ask for but neither see into nor answer. It shows exactly what would run; only a
 * click on "Approve and run" approves it (Escape, closing it, or Cancel do not).
 */
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { printable } from '../core/text/safeText.js';
import type { ApprovalRequest } from '../service/studioService.js';

const APPROVE = 1;

export function approvalDialogOptions(request: ApprovalRequest): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Approve a launch command',
    message: `Run the launch command of ${printable(request.id)}?`,
    // commandLine is escaped already; the path comes from the file system.
    detail:
      `${printable(request.path)} asks to run this, as you:\n\n${request.commandLine}\n\n` +
      'Approve it only if you know this command. It is asked again whenever the command changes.',
    buttons: ['Cancel', 'Approve and run'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/** Shows the dialog (on the window when there is one); true only for the person's Approve. */
export async function confirmApproval(
  parent: BrowserWindow | undefined,
  request: ApprovalRequest,
): Promise<boolean> {
  const options = approvalDialogOptions(request);
  const { response } = parent
    ? await dialog.showMessageBox(parent, options)
    : await dialog.showMessageBox(options);
  return response === APPROVE;
}
