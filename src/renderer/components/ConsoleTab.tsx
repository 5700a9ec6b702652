/**
 * The console: pick a plugin and a method (the target reads `unix:/path.sock:/Method`), edit the
 * body, Send (or Ctrl/Cmd+Enter), Ping; the response on the right, the history below the editor.
 */
import { useEffect, useId, useMemo } from 'react';
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
import { ResponsePane } from './ResponsePane.js';
import { visibleText } from '../lib/visibleText.js';
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

/** A history entry's body back as editor text; bodies that are not UTF-8 stay base64. */
function restoredBody(entry: HistoryEntry): { body: string; bodyEncoding: 'utf8' | 'base64' } {
  if (entry.bodyEncoding === 'utf8') return { body: entry.body, bodyEncoding: 'utf8' };
  const text = decodeUtf8(base64ToBytes(entry.body));
  return text === null ? { body: entry.body, bodyEncoding: 'base64' } : { body: text, bodyEncoding: 'utf8' };
}

export function ConsoleTab({ plugin }: { plugin: PluginSnapshot }) {
  const id = plugin.id;
  const c = useStudio((s) => s.consoles[id]) ?? EMPTY_CONSOLE;
  const update = useStudio((s) => s.updateConsole);
  const actions = useActions();

  useEffect(() => {
    void actions.loadHistory(id);
  }, [actions, id]);

  const send = () => {
    if (!c.sending) void actions.send(id);
  };
  const method = c.method.trim().replace(/^\/+/, '');
  const target = `unix:${plugin.sock}:/${method || '<Method>'}`;
  const parsed = c.mode === 'json' && c.bodyEncoding === 'utf8' && c.body.trim() !== '' ? parseJson(c.body) : null;
  // Not derived from the plugin id: an HTML id cannot hold the spaces a plugin name may have.
  const datalistId = useId();

  // Deeper JSON is left as typed: its indented text would grow with the square of its depth.
  const formattable = parsed?.ok === true && !nestedDeeperThan(parsed.value, MAX_TREE_DEPTH);
  const format = () => {
    if (formattable) update(id, { body: prettyJson(parsed.value) });
  };
  const restore = (entry: HistoryEntry) => update(id, { method: entry.method, ...restoredBody(entry) });

  return (
    <div
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
        <input
          className="input method-input mono"
          aria-label="Method"
          placeholder="Method"
          list={datalistId}
          value={c.method}
          onChange={(e) => update(id, { method: e.target.value })}
        />
        <datalist id={datalistId}>
          {plugin.methods.map((m) => (
            <option key={m} value={m} label={visibleText(m)} />
          ))}
        </datalist>
        <button type="button" className="btn btn-primary" onClick={send} disabled={c.sending}>
          {c.sending ? 'Sending…' : 'Send'}
        </button>
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
      {plugin.state !== 'started' && (
        <p className="note">
          {plugin.lazyLoad
            ? 'This plugin loads lazily: sending starts it.'
            : 'This plugin is not started; start it to send requests.'}
        </p>
      )}
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
