// Writes web/public/sounds/ring.wav, the incoming call ring (app/calls/media.ts, looped until the
// ring stops): the UK double ring, 400 Hz + 450 Hz mixed, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off,
// 8 kHz 8-bit mono PCM, 3 s and about 24 kB. Generated here rather than downloaded so its licence
// is ours and it can be remade: `node web/scripts/make-ring-tone.mjs`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RATE = 8000;
const parts = [[true, 0.4], [false, 0.2], [true, 0.4], [false, 2.0]];
const samples = [];
for (const [on, seconds] of parts) {
  const n = Math.round(seconds * RATE);
  for (let i = 0; i < n; i++) {
    // 10 ms fade in and out, so the bursts do not click.
    const fade = Math.min(1, i / 80, (n - i) / 80);
    const t = i / RATE;
    const v = on ? ((Math.sin(2 * Math.PI * 400 * t) + Math.sin(2 * Math.PI * 450 * t)) / 2) * 0.7 * fade : 0;
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
const out = fileURLToPath(new URL('../public/sounds/ring.wav', import.meta.url));
writeFileSync(out, Buffer.concat([header, data]));
console.log(`${out}: ${44 + data.length} bytes`);
