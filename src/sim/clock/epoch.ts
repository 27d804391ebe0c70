/**
 * Simulated t = 0 as a wall-clock instant. Every printed time (CloudTrail eventTime, ENI
 * createdAt tags and AttachTime, kubectl Start Time) counts from here, so they agree.
 */
export const EPOCH_ISO = '2026-11-25T09:00:00Z';

/** The wall-clock time of a simulated instant, as ISO 8601 with seconds ("…T09:02:30Z"). */
export function wallClockIso(timeMs: number): string {
  return new Date(Date.parse(EPOCH_ISO) + timeMs).toISOString().replace(/\.\d+Z$/, 'Z');
}
