/**
 * The banners a link gives: what is wrong with a broken one (and what runs instead), and
 * the warnings of one that opened (an unknown env name, a moment cut to the scenario's end),
 * each with its JSON path. Messages arrive already cut by src/scenario (quoteForMessage), so
 * a banner never holds more than a few lines, whatever the link.
 */
import type { ScenarioIssue } from '../../scenario/issues.ts';
import type { DecodedLink } from '../../worker/link-api.ts';
import { msg, twin, type Text } from '../i18n/text.ts';
import type { Banner, BannerItem } from '../store/slices.ts';

/** Problems or warnings listed in a banner; the rest are counted. */
export const BANNER_ITEMS = 5;

/** An issue's message as the page shows it: its English, or its text in the reader's language. */
export function issueText(issue: Pick<ScenarioIssue, 'message' | 'text'>): Text {
  return issue.text ? twin(issue.message, issue.text) : issue.message;
}

/** A banner's lines for a few of `issues` (the first `BANNER_ITEMS`), each with its path. */
export function issueItems(issues: readonly ScenarioIssue[], root = '(scenario)'): BannerItem[] {
  return issues.slice(0, BANNER_ITEMS).map((i) => ({ path: i.path || root, message: issueText(i) }));
}

function listed(issues: readonly ScenarioIssue[]): { items: BannerItem[]; more?: number } {
  const real = issues.filter((i) => i.code !== 'more');
  const total = real.length + issues.reduce((sum, i) => sum + (i.code === 'more' ? (i.omitted ?? 0) : 0), 0);
  // The validator's English, or its text in the reader's language.
  const items = issueItems(real);
  return total > items.length ? { items, more: total - items.length } : { items };
}

/** A link that could not be opened: what is wrong and where, and what the page shows instead. */
export function brokenLinkBanner(d: Extract<DecodedLink, { ok: false }>, instead: 'sample' | 'current'): Banner {
  const after = instead === 'sample' ? msg('link.insteadSample') : msg('link.insteadCurrent');
  const title = msg('link.broken');
  // The decoder's own words (what it could not read, and where) stay as it wrote them.
  if (d.issues.length === 0) {
    const error = d.errorText ? twin(d.error, d.errorText) : d.error;
    const where = d.whereText ? twin(d.where, d.whereText) : d.where;
    return { tone: 'error', title, detail: msg('link.brokenAt', { error, where, after }) };
  }
  const list = listed(d.issues);
  const count = list.items.length + (list.more ?? 0);
  return { tone: 'error', title, detail: msg('link.notValid', { count, after }), ...list };
}

/** The warnings of a link that opened, or undefined when it has none. */
export function linkWarningsBanner(warnings: readonly ScenarioIssue[]): Banner | undefined {
  if (warnings.length === 0) return undefined;
  const list = listed(warnings);
  const count = list.items.length + (list.more ?? 0);
  return { tone: 'warning', title: msg('link.openedWithWarnings', { count }), ...list };
}
