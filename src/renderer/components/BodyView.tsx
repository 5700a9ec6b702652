/**
 * A body shown by what it is: folding JSON, plain text, or a hex dump for binary; JSON nested
 * too deep for the tree as text, a large body in part (LargeBody).
 */
import type { BodyView as BodyViewModel } from '../lib/bodyView.js';
import { formatBytes } from '../lib/format.js';
import { hexDump } from '../lib/hexDump.js';
import { MAX_TREE_DEPTH } from '../lib/jsonShape.js';
import { JsonTree } from './JsonTree.js';
import { LargeBody } from './LargeBody.js';
import { PluginText } from './PluginText.js';
import './BodyView.css';

export const BODY_KIND_LABEL: Record<BodyViewModel['kind'], string> = {
  empty: 'Empty',
  json: 'JSON',
  deep: 'JSON (deep)',
  text: 'Text',
  binary: 'Binary',
  large: 'Large',
};

export interface BodyViewProps {
  view: BodyViewModel;
  /** The whole body, for a large one's "Show all" and "Save to file". */
  base64: string;
  /** The suggested name for a large body's "Save to file"; absent when the caller offers the save itself. */
  fileName?: string | undefined;
}

export function BodyView({ view, base64, fileName }: BodyViewProps) {
  switch (view.kind) {
    case 'empty':
      return <p className="muted body-note">(empty body)</p>;
    case 'json':
      return (
        <div className="body" data-kind="json">
          <JsonTree value={view.value} />
        </div>
      );
    case 'deep':
      return (
        <div className="body" data-kind="deep">
          <p className="muted body-note">JSON nested more than {MAX_TREE_DEPTH} levels deep: shown as text, as received.</p>
          <pre className="code-block">
            <PluginText text={view.text} lines />
          </pre>
        </div>
      );
    case 'text':
      return (
        <pre className="body code-block" data-kind="text">
          <PluginText text={view.text} lines />
        </pre>
      );
    case 'binary': {
      const dump = hexDump(view.bytes);
      return (
        <div className="body" data-kind="binary">
          <p className="muted body-note">
            Binary body, {formatBytes(dump.total)}
            {dump.shown < dump.total ? ` (hex dump of the first ${formatBytes(dump.shown)})` : ''}
          </p>
          <pre className="code-block hex">{dump.text}</pre>
        </div>
      );
    }
    case 'large':
      return <LargeBody base64={base64} size={view.size} head={view.head} preview={view.preview} fileName={fileName} />;
  }
}
