/** One line of a plugin's output: time, stream, and the text (as text), the search marked. */
import type { CSSProperties } from 'react';
import type { LogLine } from '../../shared/contract.js';
import { formatClock, formatDateTime } from '../lib/format.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import './LogLineItem.css';

const STREAM_MARK = { stdout: 'out', stderr: 'err', supervisor: 'sup' } as const;

/** The text with every occurrence of `search` (case-insensitive, as the service searches) marked. */
function Marked({ text, search }: { text: string; search: string }) {
  const lower = text.toLowerCase();
  const needle = search.toLowerCase();
  // Lower-casing can change the length of some characters; then the places would not line up.
  if (needle === '' || lower.length !== text.length) return <PluginText text={text} />;
  const parts: Array<{ text: string; hit: boolean }> = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), hit: false });
    parts.push({ text: text.slice(at, at + needle.length), hit: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), hit: false });
  return (
    <bdi className="plugin-text">
      {parts.map((p, i) => (p.hit ? <mark key={i}>{visibleText(p.text)}</mark> : <PluginText key={i} text={p.text} />))}
    </bdi>
  );
}

export function LogLineItem({ line, search, style }: { line: LogLine; search: string; style?: CSSProperties }) {
  return (
    <li className={`log-line log-${line.stream}`} style={style}>
      <span className="log-time num" title={formatDateTime(line.at)}>
        {formatClock(line.at, true)}
      </span>
      <span className="log-stream" title={line.stream}>
        {STREAM_MARK[line.stream]}
      </span>
      <span className="log-text">
        <Marked text={line.text} search={search} />
      </span>
    </li>
  );
}
