/** Small text formatters shared by the panels. */

/** Simulated time as m:ss.t (or h:mm:ss past an hour). */
export function formatSimTime(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = s.toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss.slice(0, 2)}` : `${m}:${ss}`;
}

export function formatSpeed(speed: number): string {
  return speed < 1 ? `${speed}×` : `${speed}×`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
