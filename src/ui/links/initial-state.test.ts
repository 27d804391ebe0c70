import { describe, expect, it } from 'vitest';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { encodeFragment } from '../../scenario/url-codec.ts';
import { hasLink, initialStateFromLocation } from './initial-state.ts';

describe('initial state from the URL fragment (synchronous part)', () => {
  const link = encodeFragment({ scenario: SAMPLE_SCENARIOS['t3-medium-max-pods'], moment: { timeMs: 42_000 }, view: { theme: 'dark', sel: 'pod:default/web-1' } });

  it('opens nothing without a fragment, in the system theme', () => {
    expect(initialStateFromLocation('')).toEqual({ theme: 'light', locale: 'en', openingLink: false });
    expect(initialStateFromLocation('#', true, 'ko')).toEqual({ theme: 'dark', locale: 'ko', openingLink: false });
    expect(hasLink('#')).toBe(false);
  });

  it('marks a link as being opened and decodes none of it (the worker does)', () => {
    const s = initialStateFromLocation(link);
    expect(s.openingLink).toBe(true);
    expect(s.spec).toBeUndefined();
    expect(s.banner).toBeUndefined();
  });

  it('takes the link\'s theme at once, so a dark link does not flash light', () => {
    expect(initialStateFromLocation(link, false).theme).toBe('dark');
    expect(initialStateFromLocation(link.replace('v.theme=dark', 'v.theme=light'), true).theme).toBe('light');
    // Anything else is not a theme: the system's stays.
    expect(initialStateFromLocation(link.replace('v.theme=dark', 'v.theme=darker'), false).theme).toBe('light');
    expect(initialStateFromLocation('#v1.AAAA!!broken', true)).toEqual({ theme: 'dark', locale: 'en', openingLink: true });
  });

  it('takes the link\'s language over the reader\'s (stored or browser) choice, and only a language we speak', () => {
    const zh = encodeFragment({ scenario: SAMPLE_SCENARIOS['t3-medium-max-pods'], view: { lang: 'zh-TW', theme: 'dark' } });
    expect(zh).toContain('&v.lang=zh-TW');
    expect(initialStateFromLocation(zh, false, 'ko').locale).toBe('zh-TW');
    // A link without one (every link made before languages existed) keeps the reader's.
    expect(initialStateFromLocation(link, false, 'ko').locale).toBe('ko');
    expect(initialStateFromLocation(zh.replace('v.lang=zh-TW', 'v.lang=fr'), false, 'zh-CN').locale).toBe('zh-CN');
    expect(initialStateFromLocation(zh.replace('v.lang=zh-TW', 'v.lang=zh-TWX'), false, 'en').locale).toBe('en');
  });
});
