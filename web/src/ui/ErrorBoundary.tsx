import { Component, type ReactNode } from "react";

interface State {
  error: Error | null;
}

/**
 * Shows a page that failed to render or load (e.g. a chunk missing after an upgrade) as a
 * message with a reload button, instead of a blank screen; `resetKey` changing clears it.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error" role="alert">
        <span>This page could not be shown: {this.state.error.message}</span>
        <button type="button" className="link-button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    );
  }
}
