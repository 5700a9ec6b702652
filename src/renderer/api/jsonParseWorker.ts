/** Parses JSON text off the page's main thread (see parseJsonOffThread.ts). */
self.onmessage = (event: MessageEvent<{ id: number; text: string }>) => {
  const { id, text } = event.data;
  try {
    self.postMessage({ id, ok: true, value: JSON.parse(text) as unknown });
  } catch {
    self.postMessage({ id, ok: false });
  }
};
