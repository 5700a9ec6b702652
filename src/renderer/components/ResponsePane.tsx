/**
 * The answer to a console request: status pill, duration, size, then Body (JSON, text or hex,
 * decided by content) and Headers; Copy body and Copy as curl. A failed call shows its code and
 * what to try, never a stack trace.
 */
import { useMemo, useState } from 'react';
import type { ExecuteResult } from '../../shared/contract.js';
import { bodyFileExtension, describeBody } from '../lib/bodyView.js';
import { base64ToBytes, decodeUtf8 } from '../lib/bytes.js';
import { formatBytes, formatDuration } from '../lib/format.js';
import { safeFileName } from '../lib/largeBody.js';
import { BODY_KIND_LABEL, BodyView } from './BodyView.js';
import { CopyButton } from './CopyButton.js';
import { ErrorCallout } from './ErrorCallout.js';
import { PluginText } from './PluginText.js';
import { SaveBodyButton } from './SaveBodyButton.js';
import { StatusPill } from './StatusPill.js';
import { Tabs, panelId, tabId } from './Tabs.js';
import './ResponsePane.css';

type ResponseTab = 'body' | 'headers';
const RESPONSE_TABS: ReadonlyArray<{ id: ResponseTab; title: string }> = [
  { id: 'body', title: 'Body' },
  { id: 'headers', title: 'Headers' },
];

export interface ResponsePaneProps {
  result: ExecuteResult | null;
  method: string | null;
  sending?: boolean;
}

function Success({ result, method }: { result: Extract<ExecuteResult, { ok: true }>; method: string | null }) {
  const [tab, setTab] = useState<ResponseTab>('body');
  const { base64, size } = result.body;
  const view = useMemo(() => describeBody(base64, size), [base64, size]);
  const headers = Object.entries(result.headers);

  return (
    <>
      <div className="response-meta">
        <StatusPill status={result.status} />
        <span className="num">{formatDuration(result.durationMs)}</span>
        <span className="num">{formatBytes(result.body.size)}</span>
        <span className="muted">{BODY_KIND_LABEL[view.kind]}</span>
        <span className="spacer" />
        {/* A large body is saved to a file instead: not decoded whole here. */}
        {view.kind !== 'large' && <CopyButton text={() => decodeUtf8(base64ToBytes(base64)) ?? base64} label="Copy body" />}
        {size > 0 && <SaveBodyButton base64={base64} fileName={`${safeFileName(method ?? '', 'response')}.${bodyFileExtension(view)}`} />}
        <CopyButton text={result.curl} label="Copy as curl" />
      </div>
      <Tabs label="Response views" idPrefix="response" tabs={RESPONSE_TABS} selected={tab} onSelect={setTab} />
      <div className="response-content" role="tabpanel" id={panelId('response', tab)} aria-labelledby={tabId('response', tab)}>
        {tab === 'body' ? (
          <BodyView view={view} base64={base64} />
        ) : headers.length === 0 ? (
          <p className="muted body-note">(no headers)</p>
        ) : (
          <table className="table headers-table">
            <tbody>
              {headers.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row" className="mono">
                    <PluginText text={name} />
                  </th>
                  <td className="mono">
                    <PluginText text={value} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}

function Failure({ result }: { result: Extract<ExecuteResult, { ok: false }> }) {
  const cancelled = result.error.code === 'CANCELLED';
  return (
    <>
      <div className="response-meta">
        <StatusPill status={null} label={result.error.code} cancelled={cancelled} />
        {result.durationMs > 0 && <span className="num">{formatDuration(result.durationMs)}</span>}
        <span className="spacer" />
        {result.curl && <CopyButton text={result.curl} label="Copy as curl" />}
      </div>
      <div className="response-content">
        <ErrorCallout error={result.error} title={cancelled ? 'Request cancelled' : 'Request failed'} tone={cancelled ? 'neutral' : 'error'} />
      </div>
    </>
  );
}

export function ResponsePane({ result, method, sending = false }: ResponsePaneProps) {
  return (
    <section className="response" role="region" aria-label="Response" aria-busy={sending || undefined}>
      <div className="pane-title">
        <h3>Response</h3>
        {method && (
          <span className="mono muted">
            /<PluginText text={method} />
          </span>
        )}
        {sending && <span className="sending">Sending…</span>}
      </div>
      {result === null ? (
        <p className="muted body-note">Send a request to see the answer here. Ctrl+Enter (⌘+Enter) sends.</p>
      ) : result.ok ? (
        <Success result={result} method={method} />
      ) : (
        <Failure result={result} />
      )}
    </section>
  );
}
