/*
 * /visit/manage#<token>: the visit behind a manage link, with "Change the time" (slots of the
 * same calendar) and "Cancel this visit" (with a confirm step). The token stays in the fragment
 * and goes to the server only in POST bodies.
 */
import './visits.css';
import { type ManagedVisit, publicApi, tokenFromHash } from './api';
import { formatInstant } from './dates';
import { byId, el, focusBlock, replace } from './dom';
import { generalMessage, type Problem } from './problems';
import { SlotPicker, setFieldError, showMessagePage, showSummary } from './ui';

const main = byId('main');
const token = tokenFromHash(location.hash);

const STATUS: Record<string, string> = {
  booked: 'Booked',
  cancelled: 'Cancelled',
  attended: 'Visit took place',
  'no-show': 'Missed',
};

function invalid(): void {
  showMessagePage(main, 'This link is no longer valid',
    'The visit may have been cancelled. If you still want to visit, book again on the ward’s booking page, or contact the ward.');
}

function failed(problem: Problem): void {
  if (problem.status === 404) invalid();
  else showMessagePage(main, 'Sorry, we could not open your visit', generalMessage(problem));
}

async function start(): Promise<void> {
  if (!token) {
    invalid();
    return;
  }
  const r = await publicApi.manage(token);
  if (!r.ok) {
    failed(r.problem);
    return;
  }
  show(r.value);
}

function details(visit: ManagedVisit): HTMLElement {
  const row = (term: string, value: string) => el('div', { class: 'summary-row' }, el('dt', {}, term), el('dd', {}, value));
  return el('dl', { class: 'summary-list' },
    row('Ward', visit.calendarName),
    row('When', formatInstant(visit.start)),
    row('Reference', visit.reference),
    row('Status', STATUS[visit.status] ?? visit.status));
}

function show(visit: ManagedVisit, news?: string): void {
  document.title = 'Your visit';
  const h1 = el('h1', {}, 'Your video visit');
  const changeable = visit.status === 'booked' && Date.parse(visit.start) > Date.now();
  const change = el('button', { type: 'button', class: 'button' }, 'Change the time');
  const cancel = el('button', { type: 'button', class: 'button-warning' }, 'Cancel this visit');
  change.addEventListener('click', () => reschedule(visit));
  cancel.addEventListener('click', () => confirmCancel(visit));
  const newsBox = news ? el('div', { class: 'notice-success', role: 'status' }, news) : null;
  replace(main, newsBox, h1, details(visit),
    changeable ? el('div', { class: 'actions' }, change, cancel)
      : el('p', {}, 'This visit can no longer be changed online. Contact the ward if you need to.'));
  focusBlock(newsBox ?? h1);
}

function confirmCancel(visit: ManagedVisit): void {
  document.title = 'Cancel your visit?';
  const h1 = el('h1', {}, 'Are you sure you want to cancel this visit?');
  const yes = el('button', { type: 'button', class: 'button-warning' }, 'Yes, cancel the visit');
  const no = el('button', { type: 'button', class: 'button-secondary' }, 'No, keep the visit');
  const error = el('div', { class: 'error-summary', id: 'error-summary', hidden: true });
  no.addEventListener('click', () => show(visit));
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    const r = await publicApi.cancel(token);
    yes.disabled = false;
    if (!r.ok) {
      if (r.problem.status === 404) invalid();
      else showSummary(error, [{ text: generalMessage(r.problem) }]);
      return;
    }
    showMessagePage(main, 'Your visit has been cancelled',
      `Your visit at ${formatInstant(visit.start)} is cancelled and the ward has been told. We have emailed you to confirm.`);
    main.append(el('p', {}, el('a', { href: '/book/' + encodeURIComponent(visit.slug) }, 'Book another visit')));
  });
  replace(main, error, h1, details(visit),
    el('p', {}, 'Your place will be given to someone else.'),
    el('div', { class: 'actions' }, yes, no));
  focusBlock(h1);
}

function reschedule(visit: ManagedVisit): void {
  document.title = 'Change the time of your visit';
  const h1 = el('h1', {}, 'Change the time of your visit');
  const summary = el('div', { class: 'error-summary', id: 'error-summary', hidden: true });
  const picker = new SlotPicker(visit.slug, 'Choose a new time', visit.start);
  const move = el('button', { type: 'submit', class: 'button' }, 'Move my visit to this time');
  const keep = el('button', { type: 'button', class: 'button-secondary' }, 'Keep the current time');
  keep.addEventListener('click', () => show(visit));
  const form = el('form', { novalidate: true, 'aria-labelledby': 'reschedule-title' },
    picker.root, el('div', { class: 'actions' }, move, keep));
  h1.id = 'reschedule-title';
  const fail = (message: string) => {
    setFieldError(picker.root, [], message);
    showSummary(summary, [{ target: 'slotStart', text: message }]);
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const slot = picker.selected();
    if (!slot) {
      fail('Choose a new time for the visit');
      return;
    }
    move.disabled = true;
    const r = await publicApi.reschedule(token, slot.start);
    move.disabled = false;
    if (r.ok) {
      show(r.value, `Your visit has been moved to ${formatInstant(r.value.start)}. We have emailed you the new time.`);
      return;
    }
    if (r.problem.status === 404) {
      invalid();
      return;
    }
    if (r.problem.type === 'slot-taken') await picker.reload();
    fail(generalMessage(r.problem));
  });
  replace(main, summary, h1, el('p', {}, `Your visit is now at ${formatInstant(visit.start)}.`), form);
  void picker.reload();
  focusBlock(h1);
}

void start();
