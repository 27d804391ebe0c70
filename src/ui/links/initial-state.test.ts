import { describe, expect, it } from 'vitest';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { encodeFragment } from '../../scenario/url-codec.ts';
import { hasLink, initialStateFromLocation } from './initial-state.ts';

describe('initial state from the URL fragment (synchronous part)', () => {
  const link = encodeFragment({ scenario: SAMPLE_SCENARIOS['t3-medium-max-pods'], moment: { timeMs: 42_000 }, view: { theme: 'dark', sel: 'pod:default/web-1' } });

  it('opens nothing without a fragment, in the system theme', () => {
    expect(initialStateFromLocation('')).toEqual({ theme: 'light', openingLink: false });
    expect(initialStateFromLocation('#', true)).toEqual({ theme: 'dark', openingLink: false });
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
    expect(initialStateFromLocation('#v1.AAAA!!broken', true)).toEqual({ theme: 'dark', openingLink: true });
  });
});
