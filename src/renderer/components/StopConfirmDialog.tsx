/**
 * Asks before a stop would end processes the Studio did not launch (issue 14 §1, §3): what the
 * stop does, whether the Studio can start each one again, and, for one plugin whose command is
 * known, "remember its command" (a launch manifest that then waits for approval outside the
 * page). A modal <dialog>: Escape answers Cancel, and focus goes back where it was.
 */
import { useEffect, useRef } from 'react';
import type { PluginSnapshot } from '../../shared/contract.js';
import { canRemember, originCommand, originText, stopConsequence } from '../lib/pluginOrigin.js';
import { useStudio } from '../store/context.js';
import { PluginText } from './PluginText.js';
import './StopConfirmDialog.css';

function OutsidePlugin({ plugin }: { plugin: PluginSnapshot }) {
  const command = originCommand(plugin.origin);
  return (
    <li>
      <strong className="mono">
        <PluginText text={plugin.id} />
      </strong>{' '}
      was {originText(plugin)}
      {command && (
        <>
          :{' '}
          <code className="mono">
            <PluginText text={command} />
          </code>
        </>
      )}
      . {stopConsequence(plugin)}
    </li>
  );
}

export function StopConfirmDialog() {
  const confirmation = useStudio((s) => s.confirmation);
  const plugins = useStudio((s) => s.plugins);
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!confirmation || !dialog) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    // The safe answer has the focus: Enter does not end a process by accident.
    cancel.current?.focus();
    return () => {
      if (dialog.open) {
        if (typeof dialog.close === 'function') dialog.close();
        else dialog.removeAttribute('open');
      }
      returnTo?.focus();
    };
  }, [confirmation]);

  if (!confirmation) return null;
  const { ids, all, outside, answer } = confirmation;
  const shown = outside.map((id) => plugins[id]).filter((p): p is PluginSnapshot => p !== undefined);
  const single = all ? undefined : shown[0];
  const title = single ? `Stop ${single.id}?` : `Stop all started plugins (${ids.length})?`;

  return (
    <dialog
      ref={ref}
      className="stop-confirm"
      aria-labelledby="stop-confirm-title"
      onCancel={(e) => {
        // Escape: answered here, so that the dialog closes through the store like the buttons.
        e.preventDefault();
        answer('cancel');
      }}
    >
      <h2 id="stop-confirm-title">
        <PluginText text={title} />
      </h2>
      <p>
        {single
          ? 'This plugin was not launched by this Studio: its process will exit.'
          : `${shown.length === 1 ? 'One of them was' : `${shown.length} of them were`} not launched by this Studio: their processes will exit.`}
      </p>
      <ul className="stop-confirm-list">
        {shown.map((plugin) => (
          <OutsidePlugin key={plugin.id} plugin={plugin} />
        ))}
      </ul>
      <div className="stop-confirm-actions">
        {single && canRemember(single) && (
          <button type="button" className="btn" onClick={() => answer('remember')}>
            Remember its command, then stop
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="btn" ref={cancel} onClick={() => answer('cancel')}>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={() => answer('stop')}>
          {single ? 'Stop' : 'Stop all'}
        </button>
      </div>
    </dialog>
  );
}
