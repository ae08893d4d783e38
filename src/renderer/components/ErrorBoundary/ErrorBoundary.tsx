/**
 * Keeps one pane's failure in that pane. Without a boundary, an exception
 * while rendering (a digest that overflows react-markdown's stack, a bug in
 * one view) unmounts the whole app: no search box, nothing. A boundary shows
 * its fallback instead and starts over when one of `resetKeys` changes
 * (another digest opened, another query answered) or when the fallback calls
 * `retry`.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { errorText } from '../../i18n/describe.js';
import { useI18n } from '../../i18n/I18nContext.js';
import './ErrorBoundary.css';

export interface ErrorBoundaryProps {
  /** Shown instead of the children once they threw; `retry` renders them again. */
  fallback: (error: unknown, retry: () => void) => ReactNode;
  /** A new value in any of these starts over with the children (e.g. the open digest). */
  resetKeys?: readonly unknown[];
  children: ReactNode;
}

interface ErrorBoundaryState {
  failed: boolean;
  error: unknown;
  resetKeys: readonly unknown[];
}

function sameKeys(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((key, i) => Object.is(key, b[i]));
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, error: null, resetKeys: this.props.resetKeys ?? [] };

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { failed: true, error };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: ErrorBoundaryState): Partial<ErrorBoundaryState> | null {
    const keys = props.resetKeys ?? [];
    return sameKeys(keys, state.resetKeys) ? null : { failed: false, error: null, resetKeys: keys };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The page has no log file; the console keeps the component stack for whoever debugs it.
    console.error('Almanac: a pane failed to render', error, info.componentStack);
  }

  private readonly retry = (): void => this.setState({ failed: false, error: null });

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(this.state.error, this.retry) : this.props.children;
  }
}

/** The small, localised fallback of a pane (results, filters, timeline, reader). */
export function PaneError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="pane-error">
      <p>{t('paneFailed')}</p>
      <p className="pane-error-detail">{errorText(t, error)}</p>
      <button type="button" className="btn" onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  );
}

export interface PaneProps {
  resetKeys?: readonly unknown[];
  /** Puts the fallback where the pane's own frame would be (the reader's <aside>, for the layout). */
  frame?: (content: ReactNode) => ReactNode;
  children: ReactNode;
}

/** A pane behind a boundary whose fallback is PaneError. */
export function Pane({ resetKeys, frame = (c) => c, children }: PaneProps) {
  return (
    <ErrorBoundary resetKeys={resetKeys} fallback={(error, retry) => frame(<PaneError error={error} onRetry={retry} />)}>
      {children}
    </ErrorBoundary>
  );
}
