/**
 * Collections: the `*.collection.json` files in the watched folders (and those picked in the
 * desktop app's dialog), each with its requests; run one and see each request pass or fail with
 * what differed. File contents and results are plugin-side text: shown through PluginText.
 */
import { useState } from 'react';
import type { ApiError, Collection, CollectionFile, CollectionRunResult, RequestResult } from '../../shared/contract.js';
import { toApiError } from '../api/ApiCallError.js';
import { useCollections } from '../hooks/useCollections.js';
import { formatDuration } from '../lib/format.js';
import { useActions, useStudio } from '../store/context.js';
import { PluginText } from './PluginText.js';
import { countOf } from '../../shared/units.js';
import './CollectionsPage.css';

export function CollectionsPage() {
  const select = useStudio((s) => s.select);
  const canPick = useStudio((s) => s.platform?.kind === 'electron');
  const actions = useActions();
  const { files, error, reload } = useCollections();
  const [chosen, setChosen] = useState<string | null>(null);
  const [pickError, setPickError] = useState<ApiError | null>(null);
  const file = files?.find((f) => f.path === chosen) ?? files?.find((f) => f.collection !== null);

  const open = async () => {
    setPickError(null);
    try {
      const path = await actions.pickCollectionFile('open');
      if (path !== null) {
        setChosen(path);
        reload();
      }
    } catch (err) {
      setPickError(toApiError(err));
    }
  };

  return (
    <section className="settings collections" aria-label="Collections">
      <div className="detail-header">
        <h2 className="detail-title">Collections</h2>
        <span className="spacer" />
        <button type="button" className="btn" onClick={reload}>
          Refresh
        </button>
        {canPick && (
          <button type="button" className="btn" onClick={() => void open()}>
            Open a file…
          </button>
        )}
        <button type="button" className="btn" onClick={() => select(null)}>
          Close collections
        </button>
      </div>
      <div className="collections-body">
        {(error ?? pickError) && (
          <p className="text-error" role="alert">
            <PluginText text={`${(error ?? pickError)!.code}: ${(error ?? pickError)!.message}`} />
          </p>
        )}
        {files === null ? (
          !error && <p className="muted">Loading…</p>
        ) : files.length === 0 ? (
          <p className="muted">
            No collection yet. Save a request from a plugin&apos;s Console, or put a <code>*.collection.json</code> file in a
            watched folder (docs/COLLECTIONS.md).
          </p>
        ) : (
          <ul className="collection-files" aria-label="Collection files">
            {files.map((f) => (
              <FileItem key={f.path} file={f} selected={f.path === file?.path} onSelect={() => setChosen(f.path)} />
            ))}
          </ul>
        )}
        {file?.collection && <CollectionRunner key={file.path} path={file.path} collection={file.collection} />}
      </div>
    </section>
  );
}

function FileItem({ file, selected, onSelect }: { file: CollectionFile; selected: boolean; onSelect: () => void }) {
  if (file.collection === null) {
    return (
      <li className="collection-file collection-file-bad">
        <PluginText className="mono" text={file.fileName} />
        <PluginText className="text-error" text={file.problem ?? 'cannot be read'} />
      </li>
    );
  }
  const count = file.collection.requests.length;
  return (
    <li className="collection-file">
      <button type="button" className="btn btn-ghost" aria-pressed={selected} onClick={onSelect}>
        <PluginText text={file.collection.name} />
      </button>
      <span className="muted">
        <PluginText className="mono" text={file.fileName} /> · {countOf(count, 'request')}
        {file.picked ? ' · picked file' : ''}
      </span>
    </li>
  );
}

let runs = 0;

function CollectionRunner({ path, collection }: { path: string; collection: Collection }) {
  const actions = useActions();
  const [run, setRun] = useState<CollectionRunResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  // The verdicts so far while it runs, then the run's own answer.
  const live = useStudio((s) => (running === null ? undefined : s.collectionRuns[running]));
  const results = run?.results ?? live ?? [];
  const busy = running !== null;

  const start = async () => {
    const runId = `run-${Date.now()}-${++runs}`;
    setRunning(runId);
    setError(null);
    setRun(null);
    try {
      setRun(await actions.runCollection(path, runId));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setRunning(null);
    }
  };
  const cancel = () => {
    if (running !== null) void actions.cancelCollectionRun(running).catch(() => undefined);
  };
  const failed = results.filter((r) => !r.passed).length;

  return (
    <div className="collection-run" aria-label="Collection run">
      <div className="collection-run-bar">
        <h3>
          <PluginText text={collection.name} />
        </h3>
        <button type="button" className="btn btn-primary" disabled={busy || collection.requests.length === 0} onClick={() => void start()}>
          {busy ? 'Running…' : 'Run collection'}
        </button>
        {busy && (
          <button type="button" className="btn" onClick={cancel}>
            Cancel run
          </button>
        )}
        {busy && (
          <span className="muted" role="status">
            {results.length} of {collection.requests.length} done
            {failed > 0 ? `, ${failed} failed` : ''}
          </span>
        )}
        {run && (
          <span className={failed > 0 ? 'text-error' : 'text-ok'} role="status">
            {run.results.length - failed} passed, {failed} failed
            {run.cancelled ? ` (cancelled after ${run.results.length} of ${collection.requests.length})` : ''} in{' '}
            {formatDuration(run.durationMs)}
          </span>
        )}
      </div>
      {error && (
        <p className="text-error" role="alert">
          <PluginText text={`${error.code}: ${error.message}`} />
        </p>
      )}
      <ol className="collection-requests" aria-label="Requests">
        {collection.requests.map((request, i) => {
          const result = results[i];
          const waiting = run ? 'not run' : busy && i === results.length ? 'running' : '·';
          return (
            <li key={request.name} className="collection-request">
              <span className={`verdict ${result ? (result.passed ? 'verdict-pass' : 'verdict-fail') : 'muted'}`}>
                {result ? (result.passed ? 'PASS' : 'FAIL') : waiting}
              </span>
              <PluginText className="request-name" text={request.name} />
              <PluginText className="mono muted" text={`${request.plugin} · ${request.method}`} />
              {result && <span className="num muted">{formatDuration(result.durationMs)}</span>}
              {result && !result.passed && <Differences result={result} />}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function Differences({ result }: { result: RequestResult }) {
  return (
    <ul className="differences" aria-label={`Why ${result.name} failed`}>
      {result.differences.map((d, i) => (
        <li key={i} className="mono">
          <PluginText text={d.check} />: expected <PluginText text={d.expected} />, got <PluginText text={d.actual} />
        </li>
      ))}
    </ul>
  );
}
