// Writes the app's tones as 8 kHz 8-bit mono PCM WAV files (make-urgent-tone.mjs,
// make-ring-tone.mjs): small, playable everywhere, and generated here so their licence is ours.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RATE = 8000;

/**
 * Writes `segments` to `../public/sounds/<name>`: each is [seconds, value(t)] where value gives
 * the sample in -1..1 at t seconds into the segment (null for silence). Every segment fades in and
 * out over 10 ms so it does not click.
 */
export function writeTone(name, segments) {
  const samples = [];
  for (const [seconds, value] of segments) {
    const n = Math.round(seconds * RATE);
    for (let i = 0; i < n; i++) {
      const fade = Math.min(1, i / 80, (n - i) / 80);
      const v = value ? value(i / RATE) * fade : 0;
      samples.push(Math.round(128 + v * 127));
    }
  }
  const data = Buffer.from(samples);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  const out = fileURLToPath(new URL(`../public/sounds/${name}`, import.meta.url));
  writeFileSync(out, Buffer.concat([header, data]));
  console.log(`${out}: ${44 + data.length} bytes`);
}
