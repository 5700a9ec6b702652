/**
 * Around each view that shows plugin data (response, history, notifications, pconf, logs): if
 * rendering that data throws, the view says so in its place and the rest of the window keeps
 * working. It tries again when `resetKey` changes (new data) or on "Try again".
 */
import { Component, type ReactNode } from 'react';
import { ErrorCallout } from './ErrorCallout.js';

export interface ViewBoundaryProps {
  /** The view's name as the user sees it, e.g. "Response". */
  label: string;
  /** New data to show: the view is rendered again. */
  resetKey?: unknown;
  /** The element the message is shown in: 'li' inside a list. */
  element?: 'div' | 'li';
  children: ReactNode;
}

interface ViewBoundaryState {
  error: Error | null;
  /** The resetKey of the last render. */
  shownKey: unknown;
}

export class ViewBoundary extends Component<ViewBoundaryProps, ViewBoundaryState> {
  override state: ViewBoundaryState = { error: null, shownKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<ViewBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: ViewBoundaryProps, state: ViewBoundaryState): Partial<ViewBoundaryState> | null {
    return Object.is(props.resetKey, state.shownKey) ? null : { error: null, shownKey: props.resetKey };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const Element = this.props.element ?? 'div';
    return (
      <Element className="view-failed" role="alert" aria-label={`${this.props.label} could not be shown`}>
        <ErrorCallout
          title={`${this.props.label} could not be shown`}
          error={{
            code: 'VIEW_FAILED',
            message: `The ${this.props.label.toLowerCase()} view could not show this data: ${error.message}`,
            hint: 'The rest of the Studio keeps working. Try again, or look at the data another way (e.g. Save to file).',
          }}
        />
        <button type="button" className="btn btn-small" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </Element>
    );
  }
}
