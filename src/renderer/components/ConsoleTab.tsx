/**
 * The console: pick a plugin and a method (the target reads `unix:/path.sock:/Method`), edit the
 * body (or take it from a file), Send (or Ctrl/Cmd+Enter) with a timeout, Cancel (or Escape),
 * Ping; the response on the right, the history below the editor.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryEntry, PluginSnapshot } from '../../shared/contract.js';
import { parseJson } from '../lib/bodyView.js';
import { MAX_TREE_DEPTH, nestedDeeperThan, prettyJson } from '../lib/jsonShape.js';
import { base64ToBytes, decodeUtf8 } from '../lib/bytes.js';
import { formatDuration } from '../lib/format.js';
import { useActions, useStudio } from '../store/context.js';
import { EMPTY_CONSOLE } from '../store/studioStore.js';
import type { BodyMode } from '../store/types.js';
import { HistoryList } from './HistoryList.js';
import { LazyJsonEditor } from './lazyEditors.js';
import { MethodNotes, MethodPicker } from './MethodPicker.js';
import { ResponsePane } from './ResponsePane.js';
import { visibleText } from '../lib/visibleText.js';
import { readFileBody, type PickedBody } from '../lib/consoleRequest.js';
import { PluginText } from './PluginText.js';
import { SaveRequestButton } from './SaveRequestButton.js';
import { ViewBoundary } from './ViewBoundary.js';
import './ConsoleTab.css';

function PluginPicker({ selected }: { selected: string }) {
  const plugins = useStudio((s) => s.plugins);
  const select = useStudio((s) => s.select);
  const ids = useMemo(() => Object.keys(plugins).sort((a, b) => a.localeCompare(b)), [plugins]);
  return (
    <select
      className="input plugin-picker mono"
      aria-label="Plugin"
      value={selected}
      onChange={(e) => select({ kind: 'plugin', id: e.target.value })}
    >
      {ids.map((id) => (
        <option key={id} value={id}>
          {visibleText(id)}
        </option>
      ))}
    </select>
  );
}

/**
 * A history entry's body back as editor text, bodies that are not UTF-8 as base64, in the mode
 * it was sent with (a type of its own means Raw), so that re-running it sends the same request.
 */
function restoredBody(entry: HistoryEntry): PickedBody {
  const mode = entry.contentType === undefined ? 'json' : 'raw';
  if (entry.bodyEncoding === 'utf8') return { body: entry.body, bodyEncoding: 'utf8', mode };
  const text = decodeUtf8(base64ToBytes(entry.body));
  return text === null ? { body: entry.body, bodyEncoding: 'base64', mode } : { body: text, bodyEncoding: 'utf8', mode };
}

/**
 * "Body from file…": the person's pick is the approval to read that one file (the page reads it;
 * no service channel takes a path). Too large a file is refused with its size, beside the button.
 */
function FileBodyButton({ onBody }: { onBody: (body: PickedBody) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    const read = await readFileBody(file).catch((err: unknown) => ({
      ok: false as const,
      reason: `${file.name} could not be read: ${err instanceof Error ? err.message : String(err)}`,
    }));
    setProblem(read.ok ? null : read.reason);
    if (read.ok) onBody({ body: read.body, bodyEncoding: read.bodyEncoding, mode: read.mode });
  };
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Body file"
        onChange={(e) => {
          void pick(e.target.files?.[0]);
          // The same file picked again (after editing it) must load again.
          e.target.value = '';
        }}
      />
      <button type="button" className="btn btn-small" onClick={() => input.current?.click()}>
        Body from file…
      </button>
      {problem !== null && (
        <span className="text-error file-problem" role="alert">
          <PluginText text={problem} />
        </span>
      )}
    </>
  );
}

export function ConsoleTab({ plugin }: { plugin: PluginSnapshot }) {
  const id = plugin.id;
  const c = useStudio((s) => s.consoles[id]) ?? EMPTY_CONSOLE;
  const update = useStudio((s) => s.updateConsole);
  const actions = useActions();
  const defaultTimeoutMs = useStudio((s) => s.settings?.requestTimeoutMs);
  const sendButton = useRef<HTMLButtonElement>(null);
  const consoleRoot = useRef<HTMLDivElement>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    void actions.loadHistory(id);
  }, [actions, id]);

  // Cancel disappears with the request: give the focus back to Send rather than to the page.
  useEffect(() => {
    if (!c.sending && cancelled.current) {
      cancelled.current = false;
      sendButton.current?.focus();
    }
  }, [c.sending]);

  const send = () => {
    if (!c.sending) void actions.send(id);
  };
  const cancel = useCallback(() => {
    cancelled.current = true;
    void actions.cancelSend(id);
  }, [actions, id]);

  // Escape cancels while a request runs: in the console, or with the focus nowhere (Send, which
  // had it, is disabled while sending); not in other panes, which have their own Escape.
  useEffect(() => {
    if (!c.sending) return;
    const onKeyDown = (e: KeyboardEvent) => {
      const target = e.target instanceof Node ? e.target : null;
      const here = target === document.body || (target !== null && consoleRoot.current?.contains(target) === true);
      if (e.key === 'Escape' && here && !e.defaultPrevented) {
        e.preventDefault();
        cancel();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [c.sending, cancel]);
  const method = c.method.trim().replace(/^\/+/, '');
  const target = `unix:${plugin.sock}:/${method || '<Method>'}`;
  const parsed = c.mode === 'json' && c.bodyEncoding === 'utf8' && c.body.trim() !== '' ? parseJson(c.body) : null;

  // Deeper JSON is left as typed: its indented text would grow with the square of its depth.
  const formattable = parsed?.ok === true && !nestedDeeperThan(parsed.value, MAX_TREE_DEPTH);
  const format = () => {
    if (formattable) update(id, { body: prettyJson(parsed.value) });
  };
  const restore = (entry: HistoryEntry) => update(id, { method: entry.method, ...restoredBody(entry) });

  return (
    <div
      ref={consoleRoot}
      className="console"
      onKeyDown={(e) => {
        // The editor handles its own Ctrl+Enter (and marks it handled); this covers the other fields.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.nativeEvent.defaultPrevented) {
          e.preventDefault();
          send();
        }
      }}
    >
      <div className="console-bar">
        <PluginPicker selected={id} />
        <MethodPicker plugin={plugin} />
        <label className="timeout-field" title="How long to wait for the answer; empty: the default from Settings">
          Timeout
          <input
            className="input timeout-input num"
            inputMode="decimal"
            aria-label="Timeout (s)"
            placeholder={defaultTimeoutMs === undefined ? '' : String(defaultTimeoutMs / 1000)}
            value={c.timeout}
            onChange={(e) => update(id, { timeout: e.target.value })}
          />
          s
        </label>
        <button ref={sendButton} type="button" className="btn btn-primary" onClick={send} disabled={c.sending}>
          {c.sending ? 'Sending…' : 'Send'}
        </button>
        {c.sending && (
          <button type="button" className="btn" aria-label="Cancel request" title="Cancel the request (Escape)" onClick={cancel}>
            Cancel
          </button>
        )}
        <button type="button" className="btn" onClick={() => void actions.ping(id)} disabled={c.pinging}>
          Ping
        </button>
        <SaveRequestButton pluginId={id} />
        {c.ping && (
          <span className={`ping ${c.ping.ok ? 'text-ok' : 'text-error'} num`} role="status">
            {c.ping.ok ? (
              `pong in ${formatDuration(c.ping.rttMs)}`
            ) : (
              <PluginText text={`${c.ping.error.code}: ${c.ping.error.message}`} />
            )}
          </span>
        )}
      </div>
      <div className="target mono" title="Where the request goes">
        <PluginText text={target} />
      </div>
      <MethodNotes plugin={plugin} />
      <div className="console-grid">
        <div className="console-left">
          <div className="editor-bar">
            <span className="label">Body</span>
            <div className="segmented" role="group" aria-label="Body mode">
              {(['json', 'raw'] as BodyMode[]).map((mode) => (
                <button
                  key={mode}
                  type="button"
                  aria-pressed={c.mode === mode}
                  onClick={() => update(id, { mode })}
                  className="btn btn-small"
                >
                  {mode === 'json' ? 'JSON' : 'Raw'}
                </button>
              ))}
            </div>
            <button
              type="button"
              className="btn btn-small"
              onClick={format}
              disabled={c.mode !== 'json' || !formattable}
              title={parsed?.ok && !formattable ? `Nested more than ${MAX_TREE_DEPTH} levels deep: left as it is` : undefined}
            >
              Format
            </button>
            {c.bodyEncoding === 'base64' && (
              <button
                type="button"
                className="btn btn-small"
                title="The restored body is not UTF-8; it is sent as the base64 text decodes"
                onClick={() => update(id, { body: '', bodyEncoding: 'utf8' })}
              >
                base64 body — clear
              </button>
            )}
            <FileBodyButton onBody={({ body, bodyEncoding, mode }) => update(id, { body, bodyEncoding, mode })} />
            <span className="spacer" />
            {parsed && !parsed.ok && (
              <span className="text-warn" role="status">
                Not valid JSON (sent as is)
              </span>
            )}
          </div>
          <LazyJsonEditor
            value={c.body}
            mode={c.mode}
            label="Request body"
            onChange={(body) => update(id, { body })}
            onSubmit={send}
          />
          <ViewBoundary label="History" resetKey={c.history}>
            <HistoryList
              entries={c.history}
              onRestore={restore}
              onRerun={(entry) => {
                restore(entry);
                void actions.send(id);
              }}
              onClear={() => void actions.clearHistory(id)}
            />
          </ViewBoundary>
        </div>
        <ViewBoundary label="Response" resetKey={c.result}>
          <ResponsePane result={c.result} method={c.resultMethod} sending={c.sending} />
        </ViewBoundary>
      </div>
    </div>
  );
}
