/**
 * Contains a render error to the part of the app that threw it. The area shows what broke
 * and a "Try again" button; the app's banner says the same and offers to reopen the last
 * good scenario. A new scenario load (`resetKey`, the store's generation) clears it.
 * The root boundary (`variant="root"`) has no banner around it, so it draws its own.
 */
import { useLingui } from '@lingui/react';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { msg, type Msg } from '../i18n/text.ts';
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

/** The areas' names as catalogue ids; an area not listed is shown by its own name. */
const AREA_LABEL: Readonly<Record<string, string>> = {
  app: 'boundary.area.app',
  'top bar': 'boundary.area.topBar',
  controls: 'boundary.area.controls',
  picture: 'boundary.area.picture',
  inspector: 'boundary.area.inspector',
  timeline: 'boundary.area.timeline',
  'packet walk': 'boundary.area.packetWalk',
  'load progress': 'boundary.area.loadProgress',
  'lesson stage': 'boundary.area.lessonStage',
};

/** The area's name, translated when shown. */
export function areaName(area: string): Msg | string {
  const id = AREA_LABEL[area];
  return id ? msg(id) : area;
}

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
      tone: 'error', action: 'reopen', title: msg('boundary.brokeIn', { area: areaName(this.props.area) }),
      detail: msg('boundary.restWorks', { error: describe(e) }),
    });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const retry = () => this.setState({ error: undefined });
    const { area, variant, onReopen, fallbackClass } = this.props;
    return <Fallback area={area} root={variant === 'root'} error={error} retry={retry} onReopen={onReopen} fallbackClass={fallbackClass} />;
  }
}

interface FallbackProps { area: string; root: boolean; error: Error; retry(): void; onReopen?: () => void; fallbackClass?: string }

/** What a broken area shows instead (a function component, so it speaks the page's language). */
function Fallback({ area, root, error, retry, onReopen, fallbackClass }: FallbackProps) {
  const { i18n, _ } = useLingui();
  const name = areaName(area);
  const shown = typeof name === 'string' ? name : i18n._(name.id);
  if (root) {
    return (
      <div className="app app-crashed">
        <div className="banner error" role="alert" data-testid="banner">
          <div>
            <strong>{_('boundary.brokeIn', { area: shown })}</strong>
            <p>{describe(error)}</p>
          </div>
          <div className="banner-actions">
            {onReopen && <button type="button" className="primary" onClick={onReopen}>{_('banner.reopen')}</button>}
            <button type="button" onClick={retry}>{_('boundary.retry')}</button>
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className={`boundary-fallback ${fallbackClass ?? ''}`} role="status" data-testid={`broken-${area}`}>
      <strong>{_('boundary.stopped', { area: shown })}</strong>
      <span className="muted">{describe(error)}</span>
      <button type="button" className="small" onClick={retry}>{_('boundary.retry')}</button>
    </div>
  );
}
