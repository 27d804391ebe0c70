// @vitest-environment happy-dom
import { I18nProvider } from '@lingui/react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { createLanguages } from '../i18n/catalogues.ts';
import { textIn } from '../i18n/text.ts';
import { ENV_VARS, envNotes } from './env-vars.ts';
import { EnvRow } from './EnvRow.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const { i18n } = createLanguages();
/** The first note in English, as the page shows it. */
const note = (env: Record<string, string>) => textIn(i18n, envNotes(env)[0]);

function render(name: string, current?: string) {
  const info = ENV_VARS.find((v) => v.name === name);
  if (!info) throw new Error(name);
  const applied: (string | null)[] = [];
  const host = document.createElement('div');
  document.body.append(host);
  act(() => createRoot(host).render(<I18nProvider i18n={i18n}><EnvRow info={info} current={current} onApply={(v) => applied.push(v)} /></I18nProvider>));
  return { host, applied };
}

function type(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => { setter?.call(input, value); input.dispatchEvent(new Event('input', { bubbles: true })); });
}

describe('EnvRow', () => {
  it('shows the real name, the shipped default and what it does', () => {
    const { host } = render('WARM_ENI_TARGET');
    expect(host.textContent).toContain('WARM_ENI_TARGET');
    expect(host.textContent).toContain('Shipped: 1');
  });

  it('refuses a value ipamd would not take, and applies a good one', () => {
    const { host, applied } = render('WARM_IP_TARGET');
    const input = host.querySelector('input') as HTMLInputElement;
    const apply = host.querySelector('button') as HTMLButtonElement;
    type(input, 'five');
    expect(host.textContent).toContain('must be a whole number');
    expect(apply.disabled).toBe(true);
    type(input, '5');
    expect(apply.disabled).toBe(false);
    act(() => apply.click());
    expect(applied).toEqual(['5']);
  });

  it('unsets a variable when the field is emptied', () => {
    const { host, applied } = render('WARM_IP_TARGET', '3');
    type(host.querySelector('input') as HTMLInputElement, '');
    act(() => (host.querySelector('button') as HTMLButtonElement).click());
    expect(applied).toEqual([null]);
  });

  it('takes what strconv.Atoi takes: "+5" is 5', () => {
    const { host, applied } = render('WARM_IP_TARGET');
    type(host.querySelector('input') as HTMLInputElement, '+5');
    expect(host.textContent).not.toContain('must be a whole number');
    act(() => (host.querySelector('button') as HTMLButtonElement).click());
    expect(applied).toEqual(['+5']);
  });

  it('shows a boolean the select does not offer with what aws-node reads (strconv.ParseBool)', () => {
    const upper = render('ENABLE_SUBNET_DISCOVERY', 'TRUE').host.querySelector('select') as HTMLSelectElement;
    expect(upper.value).toBe('TRUE');
    expect(upper.selectedOptions[0].textContent).toBe('TRUE (read as true)');
    const yes = render('ENABLE_SUBNET_DISCOVERY', 'yes').host;
    expect((yes.querySelector('select') as HTMLSelectElement).selectedOptions[0].textContent).toContain('not a boolean');
  });

  it('ENABLE_IPv6: choosing true says IPv6 mode is not modelled', () => {
    const { host } = render('ENABLE_IPv6');
    expect(host.textContent).not.toContain('not modelled by this simulator.');
    const select = host.querySelector('select') as HTMLSelectElement;
    act(() => { select.value = 'true'; select.dispatchEvent(new Event('change', { bubbles: true })); });
    expect(host.querySelector('.warn')?.textContent).toBe('IPv6 mode is not modelled by this simulator. ');
  });
});

describe('envNotes (the editor\'s whole-env warnings)', () => {
  it('ENABLE_IPv6 true in any ParseBool spelling: IPv6 mode is not modelled', () => {
    for (const v of ['true', 'TRUE', '1', 't']) expect(note({ ENABLE_IPv6: v })).toMatch(/^ENABLE_IPv6 is true\. IPv6 mode is not modelled/);
    for (const v of ['false', 'yes', '']) expect(envNotes({ ENABLE_IPv6: v })).toEqual([]);
    expect(envNotes({})).toEqual([]);
  });
  it('says whether aws-node will start (isConfigValid), reading unset variables at their shipped values', () => {
    expect(note({ ENABLE_IPv6: 'true' })).toMatch(/With ENABLE_IPv4 also true, aws-node refuses to start/);
    expect(note({ ENABLE_IPv6: 'true', ENABLE_IPv4: 'false' })).toMatch(/Without ENABLE_PREFIX_DELEGATION=true, aws-node refuses to start/);
    // "yes" is not a ParseBool value: ENABLE_IPv4 falls back to false.
    expect(note({ ENABLE_IPv6: 'true', ENABLE_IPv4: 'yes', ENABLE_PREFIX_DELEGATION: 'T' })).toMatch(/aws-node starts \(on Nitro and bare-metal types\); the nodes go on being simulated in IPv4 mode/);
  });
});
