/**
 * base64url (RFC 4648 §5, no padding) without DOM or Node helpers, so it runs in the
 * engine realm. Decoding says exactly where the text goes wrong.
 */
import { said, type Said } from '../sim/said-template.ts';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Encodes bytes as base64url without padding. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The decoded bytes, or the index (into `text`) of the first bad character and why. */
export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; at: number; error: Said };

/** Decodes unpadded base64url; refuses other characters, padding and impossible lengths. */
export function decodeBase64Url(text: string): Base64Result {
  for (let i = 0; i < text.length; i++) {
    if (!VALUE.has(text[i])) {
      const shown = text.codePointAt(i) ?? 0;
      const what = shown >= 0x21 && shown <= 0x7e ? `"${text[i]}"` : `U+${shown.toString(16).toUpperCase().padStart(4, '0')}`;
      return { ok: false, at: i, error: said`${what} is not a base64url character (A-Z a-z 0-9 - _)` };
    }
  }
  if (text.length % 4 === 1) return { ok: false, at: text.length - 1, error: said`the data ends one character too long or too short (truncated?)` };
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    acc = ((acc << 6) | (VALUE.get(text[i]) as number)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >> bits) & 255;
    }
  }
  return { ok: true, bytes };
}
