/*
 * The booking page's proof of work (docs/virtual-visits.md "Abuse controls"): find a nonce such
 * that SHA-256(challenge + ":" + nonce) starts with `difficulty` zero bits. Pure, so the Web
 * Worker and the tests share it.
 */
import { Sha256Prefix } from './sha256';

/** The server's challenge: `{challenge, difficulty, expiresAt}`. */
export interface Challenge {
  challenge: string;
  difficulty: number;
  expiresAt: string;
}

/** The number of leading zero bits of a digest given as big-endian 32-bit words. */
export function leadingZeroBitsOfWords(words: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] >>> 0;
    if (w === 0) {
      n += 32;
      continue;
    }
    return n + Math.clz32(w);
  }
  return n;
}

/** The number of leading zero bits of a digest. */
export function leadingZeroBits(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) {
    if (b === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(b) - 24;
  }
  return n;
}

export function hasLeadingZeroBits(bytes: Uint8Array, bits: number): boolean {
  return leadingZeroBits(bytes) >= bits;
}

const encoder = new TextEncoder();

/** The ASCII digits of a non-negative integer into a reusable buffer; returns the used view. */
function digits(n: number, buffer: Uint8Array): Uint8Array {
  let i = buffer.length;
  do {
    buffer[--i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  return buffer.subarray(i);
}

/**
 * The first nonce from {@code start} (decimal, no leading zeros) that meets the difficulty, or
 * null after {@code limit} tries (so a caller can yield and check for expiry between rounds).
 */
export function solve(challenge: string, difficulty: number, start = 0, limit = Number.MAX_SAFE_INTEGER): number | null {
  const hasher = new Sha256Prefix(encoder.encode(challenge + ':'));
  const buffer = new Uint8Array(20);
  const end = Math.min(start + limit, Number.MAX_SAFE_INTEGER);
  for (let nonce = start; nonce < end; nonce++) {
    if (leadingZeroBitsOfWords(hasher.digestWordsWithSuffix(digits(nonce, buffer))) >= difficulty) return nonce;
  }
  return null;
}

/** Whether {@code nonce} answers the challenge (the server's check, for tests). */
export function verify(challenge: string, difficulty: number, nonce: string): boolean {
  const hasher = new Sha256Prefix(encoder.encode(challenge + ':'));
  return hasLeadingZeroBits(hasher.digestWithSuffix(encoder.encode(nonce)), difficulty);
}
