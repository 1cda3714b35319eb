// Writes web/public/sounds/urgent.wav, the tone an urgent message plays (app/alerts/tone.ts):
// two rising two-note chimes (880 Hz then 1175 Hz, 150 ms each, 60 ms apart), 8 kHz 8-bit mono
// PCM, about 1 s and 8 kB. Generated here rather than downloaded so its licence is ours and it
// can be remade: `node web/scripts/make-urgent-tone.mjs`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RATE = 8000;
const notes = [
  [880, 0.15], [0, 0.06], [1175, 0.15], [0, 0.18],
  [880, 0.15], [0, 0.06], [1175, 0.15], [0, 0.1],
];
const samples = [];
for (const [hz, seconds] of notes) {
  const n = Math.round(seconds * RATE);
  for (let i = 0; i < n; i++) {
    // 10 ms fade in and out, so the notes do not click.
    const fade = Math.min(1, i / 80, (n - i) / 80);
    const v = hz === 0 ? 0 : Math.sin((2 * Math.PI * hz * i) / RATE) * 0.8 * fade;
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
const out = fileURLToPath(new URL('../public/sounds/urgent.wav', import.meta.url));
writeFileSync(out, Buffer.concat([header, data]));
console.log(`${out}: ${44 + data.length} bytes`);
