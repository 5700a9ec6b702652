/** A body shown by what it is: folding JSON, plain text, or a hex dump for binary. */
import type { BodyView as BodyViewModel } from '../lib/bodyView.js';
import { formatBytes } from '../lib/format.js';
import { hexDump } from '../lib/hexDump.js';
import { JsonTree } from './JsonTree.js';
import './BodyView.css';

export const BODY_KIND_LABEL: Record<BodyViewModel['kind'], string> = {
  empty: 'Empty',
  json: 'JSON',
  text: 'Text',
  binary: 'Binary',
};

export function BodyView({ view }: { view: BodyViewModel }) {
  switch (view.kind) {
    case 'empty':
      return <p className="muted body-note">(empty body)</p>;
    case 'json':
      return (
        <div className="body" data-kind="json">
          <JsonTree value={view.value} />
        </div>
      );
    case 'text':
      return (
        <pre className="body code-block" data-kind="text">
          {view.text}
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
  }
}
