// @vitest-environment happy-dom
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { createLanguages } from '../i18n/catalogues.ts';
import { en } from '../i18n/english.test-support.ts';
import type { Banner } from '../store/slices.ts';
import { I18nProvider } from '@lingui/react';
import { ErrorBoundary } from './ErrorBoundary.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const { i18n } = createLanguages();

let broken = true;
function Inspector() {
  if (broken) throw new TypeError("Cannot read properties of undefined (reading 'enis')");
  return <p>inspector works</p>;
}

function mount() {
  const host = document.createElement('div');
  document.body.append(host);
  // React reports the errors its boundaries caught; these tests look at what the user sees.
  const react = createRoot(host, { onCaughtError: () => {} });
  // The fallbacks speak the page's language: English here.
  const root = { render: (ui: ReactNode) => react.render(<I18nProvider i18n={i18n}>{ui}</I18nProvider>) };
  return { host, root };
}

describe('error boundaries', () => {
  it('a panel shows what broke, tells the banner (with the reopen offer) and the rest keeps rendering', () => {
    broken = true;
    const { host, root } = mount();
    const banners: Banner[] = [];
    act(() => root.render(
      <div>
        <ErrorBoundary area="inspector" report={(b) => banners.push(b)} resetKey={1}><Inspector /></ErrorBoundary>
        <p>timeline works</p>
      </div>,
    ));
    expect(host.querySelector('[data-testid="broken-inspector"]')?.textContent).toContain('The inspector stopped working.');
    expect(host.textContent).toContain("TypeError: Cannot read properties of undefined (reading 'enis')");
    expect(host.textContent).toContain('timeline works');
    expect(banners.map((b) => ({ ...b, title: en(b.title), detail: en(b.detail) }))).toEqual([{
      tone: 'error', action: 'reopen', title: 'Something broke in the inspector',
      detail: "TypeError: Cannot read properties of undefined (reading 'enis'). The rest of the app still works.",
    }]);
  });

  it('gives the panel another chance on "Try again" and when a new scenario loads (resetKey)', () => {
    broken = true;
    const { host, root } = mount();
    const ui = (key: number) => <ErrorBoundary area="inspector" report={() => {}} resetKey={key}><Inspector /></ErrorBoundary>;
    act(() => root.render(ui(1)));
    broken = false;
    act(() => (host.querySelector('button') as HTMLButtonElement).click());
    expect(host.textContent).toBe('inspector works');
    broken = true;
    act(() => root.render(ui(1)));
    act(() => root.render(<div key="x">{ui(1)}</div>));
    expect(host.textContent).toContain('stopped working');
    broken = false;
    act(() => root.render(<div key="x">{ui(2)}</div>));
    expect(host.textContent).toBe('inspector works');
  });

  it('the root boundary draws the banner itself and offers to reopen the last good scenario', () => {
    broken = true;
    const { host, root } = mount();
    let reopened = 0;
    act(() => root.render(<ErrorBoundary area="app" variant="root" onReopen={() => { reopened++; }}><Inspector /></ErrorBoundary>));
    const alert = host.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Something broke in the app');
    const reopen = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Reopen the last good scenario');
    act(() => reopen?.click());
    expect(reopened).toBe(1);
  });
});
