/*
 * The parts the public pages share: the error summary and inline errors (the GOV.UK pattern),
 * text inputs with hints, and the week-by-week slot picker.
 */
import { addDays, formatLocalDate, groupByDay, type Slot, todayInLondon } from './dates';
import { el, append, clear, focusBlock, replace } from './dom';
import { publicApi } from './api';
import { generalMessage } from './problems';

export interface SummaryItem {
  /** The id of the input to focus, when the error belongs to one. */
  target?: string;
  text: string;
}

/**
 * Shows the error summary (and takes focus, so a screen reader reads it) or hides it when empty.
 * Its links move focus to the field without touching the URL fragment (which holds the token on
 * the manage page).
 */
export function showSummary(box: HTMLElement, items: SummaryItem[]): void {
  clear(box);
  box.hidden = items.length === 0;
  if (items.length === 0) return;
  const heading = el('h2', { class: 'error-summary-title', id: box.id + '-title' }, 'There is a problem');
  const list = el('ul', { class: 'error-summary-list' });
  for (const item of items) {
    if (item.target) {
      const target = item.target;
      const a = el('a', { href: '#' + target }, item.text);
      a.addEventListener('click', (e) => {
        e.preventDefault();
        const input = document.getElementById(target);
        if (input) {
          input.scrollIntoView({ block: 'center' });
          input.focus();
        }
      });
      append(list, el('li', {}, a));
    } else {
      append(list, el('li', {}, item.text));
    }
  }
  box.setAttribute('aria-labelledby', heading.id);
  append(box, heading, list);
  box.scrollIntoView({ block: 'start' });
  focusBlock(box);
}

/** A labelled text input with an optional hint and a place for its error. */
export function textField(opts: {
  id: string;
  label: string;
  type?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  maxlength?: number;
  width?: string;
}): HTMLElement {
  const hintId = opts.hint ? opts.id + '-hint' : undefined;
  const label = el('label', { for: opts.id, class: 'label' }, opts.label);
  if (!opts.required) append(label, ' ', el('span', { class: 'optional' }, '(optional)'));
  const input = el('input', {
    id: opts.id,
    name: opts.id,
    type: opts.type ?? 'text',
    class: 'input' + (opts.width ? ' input-' + opts.width : ''),
    autocomplete: opts.autocomplete ?? 'off',
    inputmode: opts.inputmode,
    maxlength: opts.maxlength ? String(opts.maxlength) : undefined,
    'aria-required': opts.required ? 'true' : undefined,
    'aria-describedby': hintId,
    spellcheck: opts.type === 'email' ? 'false' : undefined,
  });
  return el('div', { class: 'field', 'data-field': opts.id },
    label,
    opts.hint ? el('p', { class: 'hint', id: hintId }, opts.hint) : null,
    el('p', { class: 'field-error', id: opts.id + '-error', hidden: true }),
    input);
}

/**
 * Marks a field wrapper (`[data-field]`) as wrong with {@code message}, or clears it (null):
 * the message above the input, aria-invalid, and the message first in aria-describedby.
 */
export function setFieldError(wrapper: HTMLElement, inputs: HTMLElement[], message: string | null): void {
  const error = wrapper.querySelector<HTMLElement>('.field-error');
  if (!error) return;
  wrapper.classList.toggle('field-has-error', message !== null);
  error.hidden = message === null;
  replace(error, message === null ? null : el('span', { class: 'visually-hidden' }, 'Error: '), message ?? '');
  for (const input of inputs) {
    const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== error.id);
    if (message !== null) {
      input.setAttribute('aria-invalid', 'true');
      ids.unshift(error.id);
    } else {
      input.removeAttribute('aria-invalid');
    }
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  }
}

const WEEK = 7;
/** The furthest a calendar books ahead is 90 days; the picker stops a week past it. */
const MAX_WEEKS_AHEAD = 13;

/**
 * The week-by-week slot picker: a fieldset per day with a radio per slot, Previous and Next
 * week. {@code onLoaded} hears of each load (for the caller's messages).
 */
export class SlotPicker {
  readonly root: HTMLElement;
  private readonly days: HTMLElement;
  private readonly range: HTMLElement;
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly today = todayInLondon();
  private from = this.today;
  private loading = 0;
  private slots: Slot[] = [];

  constructor(private readonly slug: string, private readonly headingText: string, private readonly exclude?: string) {
    this.previous = el('button', { type: 'button', class: 'button-secondary' }, 'Previous week');
    this.next = el('button', { type: 'button', class: 'button-secondary' }, 'Next week');
    this.previous.addEventListener('click', () => void this.show(addDays(this.from, -WEEK), true));
    this.next.addEventListener('click', () => void this.show(addDays(this.from, WEEK), true));
    this.range = el('p', { class: 'week-range', 'aria-live': 'polite' });
    this.days = el('div', { class: 'slot-days' });
    this.root = el('div', { class: 'field slot-picker', 'data-field': 'slotStart' },
      el('h2', { class: 'section-title', id: 'slots-title' }, this.headingText),
      el('p', { class: 'hint' }, 'Times are UK time.'),
      el('p', { class: 'field-error', id: 'slotStart-error', hidden: true }),
      this.range,
      this.days,
      el('div', { class: 'week-nav' }, this.previous, this.next));
  }

  /** The chosen slot, if any. */
  selected(): Slot | null {
    const input = this.root.querySelector<HTMLInputElement>('input[name="slotStart"]:checked');
    return input ? this.slots.find((s) => s.start === input.value) ?? null : null;
  }

  radios(): HTMLInputElement[] {
    return [...this.root.querySelectorAll<HTMLInputElement>('input[name="slotStart"]')];
  }

  reload(): Promise<void> {
    return this.show(this.from, false);
  }

  async show(from: string, moved: boolean): Promise<void> {
    const chosen = this.selected()?.start;
    const load = ++this.loading;
    this.from = from;
    const focused = document.activeElement;
    this.previous.disabled = from <= this.today;
    this.next.disabled = from >= addDays(this.today, WEEK * MAX_WEEKS_AHEAD);
    // Focus stays on the week button pressed, unless it can no longer be pressed.
    if (moved && focused instanceof HTMLButtonElement && focused.disabled) {
      (focused === this.previous ? this.next : this.previous).focus();
    }
    const last = addDays(from, WEEK - 1);
    replace(this.range, `${formatLocalDate(from)} to ${formatLocalDate(last)}`);
    this.root.setAttribute('aria-busy', 'true');
    const r = await publicApi.slots(this.slug, from, WEEK);
    if (load !== this.loading) return;
    this.root.removeAttribute('aria-busy');
    clear(this.days);
    if (!r.ok) {
      append(this.days, el('p', { class: 'notice', role: 'alert' }, generalMessage(r.problem)));
      return;
    }
    this.slots = r.value.items.filter((s) => s.start !== this.exclude && s.placesLeft > 0);
    const days = groupByDay(this.slots);
    if (days.length === 0) {
      append(this.days, el('p', { class: 'notice' }, 'There are no times left to book this week. Try the next week.'));
    }
    let first = true;
    for (const day of days) {
      const legendId = 'day-' + day.localDate;
      const options = el('div', { class: 'slot-options' });
      for (const s of day.slots) {
        const id = first ? 'slotStart' : 'slot-' + s.start.replace(/[^0-9A-Za-z]/g, '');
        first = false;
        const input = el('input', { type: 'radio', name: 'slotStart', id, value: s.start, checked: s.start === chosen });
        append(options, el('div', { class: 'slot-option' }, input, el('label', { for: id }, s.localTime)));
      }
      append(this.days, el('fieldset', { class: 'slot-day', 'aria-describedby': 'slotStart-error' },
        el('legend', { id: legendId }, formatLocalDate(day.localDate)), options));
    }
  }
}

/** The visitor-facing page frame: fills #app with a message (the "this link is not valid" pages). */
export function showMessagePage(main: HTMLElement, title: string, ...paragraphs: string[]): void {
  document.title = title;
  const h1 = el('h1', {}, title);
  replace(main, h1, ...paragraphs.map((p) => el('p', { class: 'lead' }, p)));
  focusBlock(h1);
}
