/**
 * Name suffixes derived from a text instead of drawn: the API server's generateName alphabet
 * ("bcdfghjklmnpqrstvwxz2456789"), from an FNV-1a chain over the text.
 */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

export function safeAlphabetHash(text: string, length: number): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let i = 0; out.length < length; i++) {
    for (const ch of `${text}#${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += SAFE[h % SAFE.length];
  }
  return out;
}
