/** What the socket path points at: exists, is a socket, mode, owner, reachable. */
import type { SocketStatus } from '../../shared/contract.js';
import { PluginText } from './PluginText.js';

const yesNo = (value: boolean | null | undefined, unknown = 'not tried') =>
  value === null || value === undefined ? unknown : value ? 'yes' : 'no';

export function SocketStatusView({ socket }: { socket: SocketStatus }) {
  return (
    <dl className="facts socket-status">
      <dt>Path</dt>
      <dd className="mono">
        <PluginText text={socket.path} />
      </dd>
      <dt>Exists</dt>
      <dd>{yesNo(socket.exists)}</dd>
      <dt>Is a socket</dt>
      <dd>{socket.exists ? yesNo(socket.isSocket) : '—'}</dd>
      <dt>Mode</dt>
      <dd className="mono">{socket.mode ?? '—'}</dd>
      <dt>Owner</dt>
      <dd className="mono">{socket.owner ?? (socket.uid !== undefined ? String(socket.uid) : '—')}</dd>
      <dt>Reachable</dt>
      <dd className={socket.reachable === false ? 'text-error' : undefined}>{yesNo(socket.reachable)}</dd>
      {socket.error && (
        <>
          <dt>Problem</dt>
          <dd className="text-error">
            <PluginText text={socket.error} />
          </dd>
        </>
      )}
    </dl>
  );
}
