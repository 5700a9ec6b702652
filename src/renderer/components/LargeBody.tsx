/**
 * A body too large to show at once (see LARGE_BODY_BYTES): its first part, then "Show all"
 * (decoded in slices and laid out piece by piece, so the page stays responsive) and "Save to
 * file" (a download of the exact bytes).
 */
import { memo, useEffect, useState } from 'react';
import { PREVIEW_BYTES } from '../lib/bodyView.js';
import { formatBytes } from '../lib/format.js';
import { hexDump } from '../lib/hexDump.js';
import { decodeTextPieces } from '../lib/largeBody.js';
import { PluginText } from './PluginText.js';
import { SaveBodyButton } from './SaveBodyButton.js';
import './LargeBody.css';

export interface LargeBodyProps {
  base64: string;
  size: number;
  head: Uint8Array;
  /** The head as text, or null when the body is not text. */
  preview: string | null;
  /** The suggested name for "Save to file"; absent when the caller offers the save itself. */
  fileName?: string | undefined;
}

const Piece = memo(function Piece({ text }: { text: string }) {
  return <pre className="code-block large-body-piece">{text}</pre>;
});

function AllText({ base64 }: { base64: string }) {
  const [pieces, setPieces] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    void decodeTextPieces(base64, (more) => setPieces((shown) => [...shown, ...more]), abort.signal).then(() => {
      if (!abort.signal.aborted) setDone(true);
    });
    return () => abort.abort();
  }, [base64]);
  return (
    <div className="large-body-all plugin-text" aria-busy={!done || undefined}>
      {pieces.map((text, i) => (
        <Piece key={i} text={text} />
      ))}
      {!done && <p className="muted body-note">Decoding…</p>}
    </div>
  );
}

export function LargeBody({ base64, size, head, preview, fileName }: LargeBodyProps) {
  const [all, setAll] = useState(false);
  const text = preview !== null;
  return (
    <div className="body large-body" data-kind="large">
      <div className="large-body-bar">
        <p className="muted body-note">
          Large body, {formatBytes(size)}:{' '}
          {all
            ? 'all of it, as text.'
            : text
              ? `the first ${formatBytes(PREVIEW_BYTES)} as text (too large for the JSON tree).`
              : `not text; hex dump of the first ${formatBytes(head.length)}.`}
        </p>
        {text && !all && (
          <button type="button" className="btn btn-small" onClick={() => setAll(true)}>
            Show all
          </button>
        )}
        {fileName !== undefined && <SaveBodyButton base64={base64} fileName={fileName} />}
      </div>
      {all ? (
        <AllText base64={base64} />
      ) : text ? (
        <pre className="code-block">
          <PluginText text={preview} lines />
          <span className="muted">{'\n'}… (more not shown)</span>
        </pre>
      ) : (
        <pre className="code-block hex">{hexDump(head).text}</pre>
      )}
    </div>
  );
}
