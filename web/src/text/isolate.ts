/**
 * Names come from other people and may be right-to-left (Arabic, Hebrew) or, in data stored
 * before the server refused them, carry bidi controls. Inside a sentence or a list, either can
 * reorder the text around the name ("Payexe.png"). isolate() removes bidi controls from a name
 * and, when what is left holds right-to-left text, wraps it in U+2068 FIRST STRONG ISOLATE …
 * U+2069 POP DIRECTIONAL ISOLATE so it is laid out on its own. A name without right-to-left
 * characters cannot reorder left-to-right text around it, so it stays as typed: screen readers
 * and find-in-page see plain text. Elements whose whole content is a name get
 * `unicode-bidi: isolate` in CSS as well (styles.css, "Names"). Sort, search and compare raw
 * names, never isolated ones.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
/** Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms; the
 *  historic right-to-left scripts of the supplementary planes. */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const FSI = '\u2068';
const PDI = '\u2069';

export function isolate(name: string): string {
  const clean = withoutBidiControls(name);
  return RIGHT_TO_LEFT.test(clean) ? FSI + clean + PDI : clean;
}

/** The name without bidi controls, for an element already isolated by CSS. */
export function withoutBidiControls(name: string): string {
  return name.replace(BIDI_CONTROLS, '');
}
