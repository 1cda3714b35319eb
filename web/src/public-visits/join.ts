/*
 * /visit/join#<token>: for now, when the visit opens and whether it is open (the camera check
 * and lobby come in the joining step, into #join-area). Checks again every 30 s until the visit
 * has ended.
 */
import './visits.css';
import { type JoinInfo, publicApi, tokenFromHash } from './api';
import { formatInstant } from './dates';
import { byId, el, replace } from './dom';
import { generalMessage } from './problems';
import { showMessagePage } from './ui';

const main = byId('main');
const status = byId('join-status');
const joinArea = byId('join-area');
const token = tokenFromHash(location.hash);
const RECHECK_MS = 30_000;

function invalid(): void {
  joinArea.hidden = true;
  showMessagePage(main, 'This link is no longer valid',
    'The visit may have been cancelled. If you still want to visit, book again on the ward’s booking page, or contact the ward.');
}

let lastState = '';

function render(info: JoinInfo): void {
  byId('visit-ward').textContent = info.calendarName;
  byId('visit-when').textContent = formatInstant(info.start);
  const message = info.state === 'early'
    ? [el('p', { class: 'lead' }, `Your visit opens at ${formatInstant(info.opensAt)}. Keep this page; come back then.`),
      el('p', {}, 'This page checks again by itself every 30 seconds.')]
    : info.state === 'open'
      ? [el('p', { class: 'lead' }, 'Your visit is open. The ward will admit you shortly.'),
        el('p', {}, 'Keep this page open.')]
      : [el('p', { class: 'lead' }, 'This visit has ended.')];
  if (info.state !== lastState) {
    replace(status, ...message);
    lastState = info.state;
  }
  joinArea.hidden = info.state !== 'open';
  document.title = info.state === 'open' ? 'Your visit is open' : info.state === 'closed' ? 'Your visit has ended' : 'Your video visit';
}

async function check(): Promise<void> {
  const r = await publicApi.joinInfo(token);
  if (!r.ok) {
    if (r.problem.status === 404) {
      invalid();
      return;
    }
    // A dropped connection: say so, and keep trying.
    if (!lastState) replace(status, el('p', { class: 'lead' }, generalMessage(r.problem)));
    setTimeout(() => void check(), RECHECK_MS);
    return;
  }
  render(r.value);
  if (r.value.state !== 'closed') setTimeout(() => void check(), RECHECK_MS);
}

if (token) void check();
else invalid();
