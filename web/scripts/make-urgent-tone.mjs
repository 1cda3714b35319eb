// Writes web/public/sounds/urgent.wav, the tone an urgent message plays (app/alerts/tone.ts):
// two rising two-note chimes (880 Hz then 1175 Hz, 150 ms each, 60 ms apart), about 1 s and 8 kB.
// Remake it with `node web/scripts/make-urgent-tone.mjs`.
import { writeTone } from './wav.mjs';

const note = (hz) => (t) => Math.sin(2 * Math.PI * hz * t) * 0.8;
writeTone('urgent.wav', [
  [0.15, note(880)], [0.06, null], [0.15, note(1175)], [0.18, null],
  [0.15, note(880)], [0.06, null], [0.15, note(1175)], [0.1, null],
]);
