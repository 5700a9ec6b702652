/**
 * Pretty JSON with folding: each object and array is a <details>, so folding needs no state and
 * works from the keyboard. Everything is rendered as text, hidden characters made visible. Very
 * large values fall back to a pretty-printed <pre> to keep the page responsive. The caller keeps
 * the value within MAX_TREE_DEPTH (lib/bodyView.ts): each level is a few elements deep.
 */
import type { ReactNode } from 'react';
import { countNodes, prettyJson } from '../lib/jsonShape.js';
import { PluginText } from './PluginText.js';
import './JsonTree.css';

const MAX_NODES = 5000;

function Scalar({ value }: { value: unknown }) {
  const kind = value === null ? 'null' : typeof value;
  const text = JSON.stringify(value);
  return <span className={`json-${kind}`}>{kind === 'string' ? <PluginText text={text} /> : text}</span>;
}

function Node({ name, value, last, depth }: { name?: string; value: unknown; last: boolean; depth: number }) {
  const comma = last ? '' : ',';
  const key: ReactNode =
    name === undefined ? null : (
      <span className="json-key">
        <PluginText text={`${JSON.stringify(name)}:`} />{' '}
      </span>
    );
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-line">
        {key}
        <Scalar value={value} />
        {comma}
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: Array<[string | undefined, unknown]> = isArray
    ? value.map((v) => [undefined, v])
    : Object.entries(value as Record<string, unknown>);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="json-line">
        {key}
        {open}
        {close}
        {comma}
      </div>
    );
  }
  return (
    <details className="json-node" open={depth < 6}>
      <summary className="json-line">
        {key}
        {open}
        <span className="json-folded">
          {' '}
          {entries.length} {isArray ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'} {close}
          {comma}
        </span>
      </summary>
      <div className="json-children">
        {entries.map(([k, v], i) => (
          <Node key={i} name={k} value={v} last={i === entries.length - 1} depth={depth + 1} />
        ))}
      </div>
      <div className="json-line">
        {close}
        {comma}
      </div>
    </details>
  );
}

export function JsonTree({ value }: { value: unknown }) {
  if (countNodes(value, MAX_NODES) > MAX_NODES) {
    return (
      <pre className="code-block">
        <PluginText text={prettyJson(value)} lines />
      </pre>
    );
  }
  return (
    <div className="json-tree mono">
      <Node value={value} last depth={0} />
    </div>
  );
}
