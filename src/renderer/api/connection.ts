/** Whether the live event stream is up; the web transport can drop, the Electron bridge cannot. */
export interface ConnectionWatch {
  /** Calls `listener` on every change (not with the current value). */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}

export const alwaysConnected: ConnectionWatch = {
  onConnectionChange: () => () => {},
};
