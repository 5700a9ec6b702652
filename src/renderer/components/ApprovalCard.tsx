/**
 * A launch manifest whose command waits for approval: the exact command line, and Approve. The
 * page only asks; the person answers outside it (a native dialog in the desktop app, or in web
 * mode the one-time code `goplug serve` prints in its terminal, typed in here).
 */
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../shared/contract.js';
import { toApiError } from '../api/ApiCallError.js';
import { useActions } from '../store/context.js';

export function ApprovalCard({ manifestPath, commandLine }: { manifestPath: string; commandLine: string }) {
  const actions = useActions();
  const [busy, setBusy] = useState(false);
  const [codeSent, setCodeSent] = useState(false);
  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<{ error?: ApiError; declined?: boolean }>({});

  const ask = async (withCode?: string) => {
    setBusy(true);
    setOutcome({});
    try {
      const answer = await actions.approveManifest(manifestPath, withCode);
      setCodeSent(answer.codeSent || (withCode !== undefined && !answer.approved));
      if (!answer.approved && !answer.codeSent) setOutcome({ declined: true });
    } catch (err) {
      setOutcome({ error: toApiError(err) });
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void ask(code);
  };

  return (
    <section className="card" aria-label="Waiting for approval">
      <h3>Waiting for approval</h3>
      <p>
        This launch command is new or changed. It runs only after you approve it, outside this page (or with{' '}
        <code>goplug trust</code> in a terminal):
      </p>
      <pre className="mono">{commandLine}</pre>
      {codeSent ? (
        <form className="folder-input" onSubmit={submit}>
          <label>
            Code printed by <code>goplug serve</code>{' '}
            <input
              className="input mono"
              inputMode="numeric"
              autoComplete="off"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-label="Approval code"
            />
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy || code.trim() === ''}>
            Approve
          </button>
        </form>
      ) : (
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void ask()}>
          {busy ? 'Asking…' : 'Approve…'}
        </button>
      )}
      {outcome.declined && <p className="muted">Not approved.</p>}
      {outcome.error && <p className="text-error">{outcome.error.message}</p>}
    </section>
  );
}
