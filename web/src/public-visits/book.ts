/*
 * The public booking page, /book/<slug> (docs/virtual-visits.md): a relative chooses a time,
 * gives their details and the patient's, agrees to the privacy notice and books. The proof of
 * work is solved in a worker while they type.
 */
import './visits.css';
import { type PublicCalendar, type Question, publicApi } from './api';
import { formatInstant } from './dates';
import { byId, el, focusBlock, replace } from './dom';
import { ProofOfWork } from './pow-client';
import { type Problem, fieldErrors, generalMessage } from './problems';
import { SlotPicker, type SummaryItem, setFieldError, showMessagePage, showSummary, textField } from './ui';
import { validateBooking } from './validate';

const main = byId('main');
const slug = decodeURIComponent(location.pathname.replace(/^\/book\//, '').replace(/\/$/, ''));

function closedPage(): void {
  showMessagePage(main, 'This booking page does not exist or is closed',
    'Check the link you were given. If it is right, the ward may have stopped taking bookings online: contact the ward.');
}

async function start(): Promise<void> {
  if (!slug || slug.includes('/')) {
    closedPage();
    return;
  }
  const pow = new ProofOfWork();
  void pow.start().catch(() => {});
  const r = await publicApi.calendar(slug);
  if (!r.ok) {
    if (r.problem.status === 404) closedPage();
    else showMessagePage(main, 'Sorry, the booking page is not working', generalMessage(r.problem));
    return;
  }
  render(r.value, pow);
}

function questionId(q: Question): string {
  return 'answers.' + q.name;
}

function render(calendar: PublicCalendar, pow: ProofOfWork): void {
  document.title = `Book a visit: ${calendar.name}`;
  const summary = el('div', { class: 'error-summary', id: 'error-summary', hidden: true });
  const picker = new SlotPicker(slug, 'Choose a time');
  const honeypot = el('div', { class: 'hp', 'aria-hidden': 'true' },
    el('label', { for: 'website' }, 'Website'),
    el('input', { id: 'website', name: 'website', type: 'text', tabindex: '-1', autocomplete: 'off' }));
  const consent = el('input', { id: 'consent', name: 'consent', type: 'checkbox', class: 'checkbox-input', 'aria-required': 'true' });
  const submit = el('button', { type: 'submit', class: 'button' }, 'Book the visit');
  const form = el('form', { novalidate: true, 'aria-labelledby': 'page-title' },
    picker.root,
    el('h2', { class: 'section-title' }, 'Your details'),
    textField({ id: 'visitorName', label: 'Your full name', required: true, autocomplete: 'name', maxlength: 100 }),
    textField({ id: 'visitorEmail', label: 'Email address', type: 'email', required: true, autocomplete: 'email', maxlength: 254,
      hint: 'We will email you the link to join the visit.' }),
    textField({ id: 'visitorMobile', label: 'Mobile number', type: 'tel', autocomplete: 'tel', maxlength: 20, width: 'medium',
      hint: 'For a text reminder before the visit.' }),
    el('h2', { class: 'section-title' }, 'The patient'),
    textField({ id: 'patientName', label: 'Patient’s full name', required: true, maxlength: 100 }),
    ...calendar.fields.map((q) => textField({ id: questionId(q), label: q.label, required: q.required, maxlength: 200 })),
    honeypot,
    el('h2', { class: 'section-title' }, 'How we use your information'),
    el('p', { class: 'notice-text' }, calendar.privacyNotice),
    el('div', { class: 'field', 'data-field': 'consent' },
      el('p', { class: 'field-error', id: 'consent-error', hidden: true }),
      el('div', { class: 'checkbox' }, consent, el('label', { for: 'consent' }, calendar.consentText))),
    el('div', { class: 'actions' }, submit));

  const h1 = el('h1', { id: 'page-title' }, el('span', { class: 'caption' }, calendar.wardName), 'Book a video visit');
  replace(main, summary, h1,
    el('p', { class: 'lead' }, `${calendar.name}. Each visit lasts ${calendar.durationMinutes} minutes. You need a phone, tablet or computer with a camera.`),
    form);
  void picker.reload();

  const questions = calendar.fields.map((q) => q.name);
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value.trim() ?? '';

  function showErrors(errors: Map<string, string>, extra: SummaryItem[] = []): void {
    for (const wrapper of form.querySelectorAll<HTMLElement>('[data-field]')) {
      const field = wrapper.dataset.field!;
      const inputs = field === 'slotStart' ? [] : [...wrapper.querySelectorAll<HTMLElement>('input')];
      setFieldError(wrapper, inputs, errors.get(field) ?? null);
    }
    const items: SummaryItem[] = [...extra];
    for (const [field, text] of errors) items.push({ target: field, text });
    showSummary(summary, items);
    document.title = (items.length ? 'Error: ' : '') + `Book a visit: ${calendar.name}`;
  }

  let busy = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (busy) return;
    const slot = picker.selected();
    const answers: Record<string, string> = {};
    for (const q of questions) answers[q] = value('answers.' + q);
    const body = {
      slotStart: slot?.start ?? '',
      visitorName: value('visitorName'),
      visitorEmail: value('visitorEmail'),
      visitorMobile: value('visitorMobile') || undefined,
      patientName: value('patientName'),
      answers,
      consent: consent.checked,
      website: (document.getElementById('website') as HTMLInputElement).value,
    };
    const errors = validateBooking(body, calendar.fields);
    if (errors.size > 0) {
      showErrors(errors);
      return;
    }
    busy = true;
    submit.disabled = true;
    replace(submit, 'Booking…');
    void book(body).finally(() => {
      busy = false;
      submit.disabled = false;
      replace(submit, 'Book the visit');
    });
  });

  async function book(body: Record<string, unknown>, retried = false): Promise<void> {
    let solution;
    try {
      solution = await pow.solution();
    } catch (p) {
      showErrors(new Map(), [{ text: generalMessage(p as Problem) }]);
      return;
    }
    const r = await publicApi.book(slug, { ...body, challenge: solution.challenge, nonce: solution.nonce });
    if (r.ok) {
      confirmed(r.value.reference, r.value.start, calendar);
      return;
    }
    // A challenge is good for one booking: start on the next at once, for the next try.
    void pow.start().catch(() => {});
    const problem = r.problem;
    if (problem.type === 'challenge-failed' && !retried) {
      await book(body, true);
      return;
    }
    if (problem.type === 'slot-taken') {
      await picker.reload();
      showErrors(new Map([['slotStart', generalMessage(problem)]]));
      return;
    }
    const errors = fieldErrors(problem, questions);
    showErrors(errors, errors.size ? [] : [{ text: generalMessage(problem) }]);
  }
}

function confirmed(reference: string, start: string, calendar: PublicCalendar): void {
  document.title = `Visit booked: ${calendar.name}`;
  const title = el('h1', { class: 'panel-title' }, 'Visit booked');
  const panel = el('div', { class: 'panel' },
    title,
    el('p', { class: 'panel-body' }, 'Your reference is', el('br'), el('strong', { class: 'reference' }, reference)));
  replace(main, panel,
    el('p', { class: 'lead' }, `Your video visit with ${calendar.wardName} is at ${formatInstant(start)}.`),
    el('p', {}, 'We have emailed you a link to join, and a link to cancel or change the visit.'),
    el('h2', { class: 'section-title' }, 'What happens next'),
    el('ul', { class: 'list' },
      el('li', {}, 'Open the join link from the email a few minutes before the visit.'),
      el('li', {}, 'Use a phone, tablet or computer with a camera, somewhere quiet.'),
      el('li', {}, 'A member of staff will let you in when the patient is ready.')),
    el('p', { class: 'hint' }, 'If the email has not arrived within 10 minutes, check your spam or junk folder.'));
  focusBlock(title);
  window.scrollTo(0, 0);
}

void start();
