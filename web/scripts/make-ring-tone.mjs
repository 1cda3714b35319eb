// Writes web/public/sounds/ring.wav, the incoming call ring (app/calls/media.ts, looped until the
// ring stops): the UK double ring, 400 Hz + 450 Hz mixed, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off,
// 3 s and about 24 kB. Remake it with `node web/scripts/make-ring-tone.mjs`.
import { writeTone } from './wav.mjs';

const ring = (t) => ((Math.sin(2 * Math.PI * 400 * t) + Math.sin(2 * Math.PI * 450 * t)) / 2) * 0.7;
writeTone('ring.wav', [[0.4, ring], [0.2, null], [0.4, ring], [2.0, null]]);
