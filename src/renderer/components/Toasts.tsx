/** Non-modal notices in a corner; they fade after a while and stay readable in the activity log. */
import { useEffect } from 'react';
import { useStudio } from '../store/context.js';
import type { Toast } from '../store/types.js';
import { PluginText } from './PluginText.js';
import './Toasts.css';

const SHOWN_MS = { error: 10_000, info: 5_000 };

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.id), SHOWN_MS[toast.level]);
    return () => clearTimeout(timer);
  }, [toast.id, toast.level, onDismiss]);
  return (
    <div className={`toast toast-${toast.level}`} role={toast.level === 'error' ? 'alert' : 'status'}>
      <div className="toast-body">
        {toast.code && <span className="code">{toast.code}</span>}
        <PluginText className="toast-message" text={toast.message} lines />
        {toast.hint && <PluginText className="toast-hint" text={toast.hint} lines />}
      </div>
      <button type="button" className="btn btn-ghost btn-small" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        ✕
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useStudio((s) => s.toasts);
  const dismiss = useStudio((s) => s.dismissToast);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
      ))}
    </div>
  );
}
