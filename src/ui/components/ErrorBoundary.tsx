/**
 * Contains a render error to the part of the app that threw it. The area shows what broke
 * and a "Try again" button; the app's banner says the same and offers to reopen the last
 * good scenario. A new scenario load (`resetKey`, the store's generation) clears it.
 * The root boundary (`variant="root"`) has no banner around it, so it draws its own.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { Banner } from '../store/slices.ts';

interface Props {
  /** What the user calls this part: "inspector", "timeline", "picture"… */
  area: string;
  children: ReactNode;
  /** Changing it (a new scenario loaded) gives the children another chance. */
  resetKey?: unknown;
  /** Tells the app's banner; absent for the root, whose fallback is the banner. */
  report?: (banner: Banner) => void;
  /** The root boundary offers the reopen itself. */
  onReopen?: () => void;
  variant?: 'panel' | 'root';
  /** Extra class for the panel fallback (the packet walk's floats like its dialog). */
  fallbackClass?: string;
}

interface State { error?: Error; resetKey?: unknown }

const describe = (e: Error) => `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`;

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { resetKey: props.resetKey, error: undefined };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    const e = error instanceof Error ? error : new Error(String(error));
    this.props.report?.({
      tone: 'error', action: 'reopen', title: `Something broke in the ${this.props.area}`,
      detail: `${describe(e)}. The rest of the app still works.`,
    });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const retry = () => this.setState({ error: undefined });
    if (this.props.variant === 'root') {
      return (
        <div className="app app-crashed">
          <div className="banner error" role="alert" data-testid="banner">
            <div>
              <strong>Something broke in the {this.props.area}</strong>
              <p>{describe(error)}</p>
            </div>
            <div className="banner-actions">
              {this.props.onReopen && <button type="button" className="primary" onClick={this.props.onReopen}>Reopen the last good scenario</button>}
              <button type="button" onClick={retry}>Try again</button>
            </div>
          </div>
        </div>
      );
    }
    return (
      <div className={`boundary-fallback ${this.props.fallbackClass ?? ''}`} role="status" data-testid={`broken-${this.props.area}`}>
        <strong>The {this.props.area} stopped working.</strong>
        <span className="muted">{describe(error)}</span>
        <button type="button" className="small" onClick={retry}>Try again</button>
      </div>
    );
  }
}
