/** A typed error as a person reads it: code, what happened, what to try; never a stack trace. */
import { formatDateTime } from '../lib/format.js';
import { CopyButton } from './CopyButton.js';
import { PluginText } from './PluginText.js';
import './ErrorCallout.css';

export interface ErrorCalloutProps {
  error: { code: string; message: string; hint: string; at?: number };
  title?: string;
  /** `neutral`: what the person did themselves (a cancelled request), which is no failure. */
  tone?: 'error' | 'neutral';
}

export function ErrorCallout({ error, title, tone = 'error' }: ErrorCalloutProps) {
  return (
    <div className={`callout callout-${tone}`} role="group" aria-label={title ?? 'Error'}>
      <div className="callout-head">
        <span className="code">{error.code}</span>
        {error.at !== undefined && <span className="muted num">{formatDateTime(error.at)}</span>}
        <span className="spacer" />
        <CopyButton text={`${error.code}: ${error.message}\n${error.hint}`} label="Copy error" />
      </div>
      <p className="callout-message">
        <PluginText text={error.message} lines />
      </p>
      {error.hint && (
        <p className="callout-hint">
          <PluginText text={error.hint} lines />
        </p>
      )}
    </div>
  );
}
