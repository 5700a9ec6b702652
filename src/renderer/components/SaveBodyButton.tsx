/**
 * "Save to file": the exact bytes of a body as a download (the browser's or Electron's own save
 * dialog), built in slices so that a body of tens of MiB leaves the page responsive. The one save
 * of every response and of large bodies.
 */
import { useState } from 'react';
import { bodyBlob, downloadBlob } from '../lib/largeBody.js';

export function SaveBodyButton({ base64, fileName }: { base64: string; fileName: string }) {
  const [saving, setSaving] = useState(false);
  const save = () => {
    setSaving(true);
    void bodyBlob(base64, 'application/octet-stream')
      .then((blob) => downloadBlob(blob, fileName))
      .finally(() => setSaving(false));
  };
  return (
    <button type="button" className="btn btn-small" onClick={save} disabled={saving}>
      {saving ? 'Preparing…' : 'Save to file'}
    </button>
  );
}
