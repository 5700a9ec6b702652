import './StatusPill.css';
/** The status of a response: green for 2xx, amber for 4xx, red for 5xx and errors (text says which). */
function statusTone(status: number | null): 'ok' | 'warn' | 'bad' | 'neutral' {
  if (status === null) return 'bad';
  if (status >= 200 && status < 300) return 'ok';
  if (status >= 400 && status < 500) return 'warn';
  if (status >= 500) return 'bad';
  return 'neutral';
}

/** `cancelled`: the person cancelled the request, which is no failure of the plugin's. */
export function StatusPill({ status, label, cancelled = false }: { status: number | null; label?: string; cancelled?: boolean }) {
  if (cancelled) {
    return (
      <span className="pill pill-neutral num" title="You cancelled the request">
        Cancelled
      </span>
    );
  }
  return (
    <span className={`pill pill-${statusTone(status)} num`} title={status === null ? 'The request failed' : `HTTP status ${status}`}>
      {label ?? (status === null ? 'Error' : String(status))}
    </span>
  );
}
