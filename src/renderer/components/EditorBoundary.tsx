/**
 * Catches an editor that cannot be shown (its code failed to load, e.g. the Studio was rebuilt or
 * stopped since the page opened) and says so in the editor's place, instead of leaving a blank pane
 * or taking the whole window down.
 */
import { Component, type ReactNode } from 'react';
import { ErrorCallout } from './ErrorCallout.js';
import './EditorBoundary.css';

export interface EditorBoundaryProps {
  /** The editor's accessible name, e.g. "Request body". */
  label: string;
  /** The classes of the editor's own box, so the message takes its place and size. */
  className: string;
  children: ReactNode;
}

export class EditorBoundary extends Component<EditorBoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div className={`${this.props.className} editor-failed`} role="alert" aria-label={this.props.label}>
        <ErrorCallout
          title="Editor not loaded"
          error={{
            code: 'EDITOR_NOT_LOADED',
            message: `The editor could not be loaded: ${error.message}`,
            hint: 'Its file may have changed (Studio rebuilt or updated) or the Studio may have stopped. Reload the window to try again.',
          }}
        />
        <button type="button" className="btn btn-small" onClick={() => window.location.reload()}>
          Reload the window
        </button>
      </div>
    );
  }
}
