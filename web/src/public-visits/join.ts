/*
 * /visit/join#<token>: the relative's way into a video visit (docs/virtual-visits.md, "The guest
 * page"). Before the visit opens it says when it will; while it is open, the camera and
 * microphone check (checkView.ts), then the lobby and the call (guestCall.ts drives them,
 * callView.ts draws them); after it, that it has ended. Checks the visit again every 30 s.
 * The token stays in the fragment and goes to the server only in POST bodies.
 */
import './visits.css';
import { type JoinInfo, publicApi, tokenFromHash } from './api';
import { endView, InCallView, lobbyView } from './callView';
import { CheckView } from './checkView';
import { formatInstant } from './dates';
import { byId, el, replace } from './dom';
import { guestApi } from './guestApi';
import { GuestCall, type GuestPhase } from './guestCall';
import { createGuestEngine } from './guestEngine';
import { GuestStream } from './guestStream';
import { generalMessage } from './problems';
import { showMessagePage } from './ui';

const main = byId('main');
const status = byId('join-status');
const joinArea = byId('join-area');
const token = tokenFromHash(location.hash);
const RECHECK_MS = 30_000;

const call = new GuestCall({ token, api: guestApi, openStream: (h) => new GuestStream(h), createEngine: createGuestEngine });
const check = new CheckView((name) => void call.join(name, check.stream ?? new MediaStream(), call.controls));
let visitState = '';
let shown = '';
let inCall: InCallView | null = null;

function invalid(): void {
  joinArea.hidden = true;
  check.release();
  showMessagePage(main, 'This link is no longer valid',
    'The visit may have been cancelled. If you still want to visit, book again on the ward’s booking page, or contact the ward.');
}

/**
 * Says a change in the live region. {@code quiet}: the screen's own heading shows the same, so the
 * region is only heard, not seen twice.
 */
function say(lead: string, more?: string, quiet = false): void {
  status.classList.toggle('visually-hidden', quiet);
  replace(status, el('p', { class: 'lead' }, lead), more ? el('p', {}, more) : null);
}

const TITLES: Record<GuestPhase['kind'], string> = {
  idle: 'Your visit is open', connecting: 'Joining your visit', waiting: 'Waiting to be let in', 'in-call': 'In your video visit',
  left: 'You have left the visit', failed: 'Your visit is open', 'not-open': 'Your video visit', 'turned-away': 'Your video visit', ended: 'Your visit has ended',
};

async function rejoin(): Promise<void> {
  const stream = await check.reacquire();
  await call.join(check.name, stream, call.controls);
}

/** How many others the roster has in the call (none: I am alone in it). */
const others = (me: string) => call.participants.filter((x) => x.peerId !== me).length;

/** Draws the call's phase into #join-area (a new screen when the phase changes, else only updates). */
function show(): void {
  const p = call.phase;
  if (p.kind === shown) {
    if (p.kind === 'in-call' && inCall) {
      inCall.update(p.engine.remotes(), others(p.grant.peerId));
      inCall.setControls(call.controls.muted, call.controls.camera);
    }
    return;
  }
  shown = p.kind;
  inCall = null;
  document.body.classList.toggle('in-call', p.kind === 'in-call');
  keepAwake(p.kind === 'waiting' || p.kind === 'in-call');
  document.title = TITLES[p.kind];
  switch (p.kind) {
    case 'idle':
    case 'connecting':
    case 'failed':
    case 'not-open':
      if (!check.root.isConnected) replace(joinArea, check.root);
      check.setBusy(p.kind === 'connecting');
      check.setMessage(p.kind === 'failed' || p.kind === 'not-open' ? p.message : null);
      if (!check.stream && p.kind !== 'connecting') void check.start();
      if (p.kind === 'connecting') say('Joining the visit…');
      else if (p.kind === 'idle') say('Your visit is open.', 'Check your camera and microphone, enter your name, then press “Join the visit”.');
      else say(p.message, undefined, true); // shown beside the Join button
      break;
    case 'waiting':
      replace(joinArea, lobbyView(check.stream, () => void call.leave()));
      say('You are in the waiting room.', 'The ward will let you in.', true);
      break;
    case 'in-call':
      inCall = new InCallView(check.stream, {
        onMute: (m) => call.setMuted(m),
        onCamera: (on) => call.setCamera(on),
        onLeave: () => void call.leave(),
      }, (_userId, i) => `Person ${i + 1}`);
      replace(joinArea, inCall.root);
      inCall.update(p.engine.remotes(), others(p.grant.peerId));
      inCall.setControls(call.controls.muted, call.controls.camera);
      say('You are in the visit.', undefined, true);
      break;
    case 'left':
      check.release();
      replace(joinArea, endView('You have left the visit', 'Your camera and microphone are off.',
        visitState === 'open' ? { label: 'Rejoin the visit', onClick: () => void rejoin() } : undefined));
      say('You have left the visit.', undefined, true);
      break;
    case 'turned-away':
    case 'ended':
      check.release();
      replace(joinArea, endView(p.kind === 'ended' ? 'The visit has ended' : 'You could not join this time', p.message));
      say(p.message, undefined, true);
      break;
  }
  joinArea.hidden = false;
}

call.subscribe(show);

// Closing the tab in the call leaves it at once (else the ward sees the relative for a minute more).
addEventListener('pagehide', (e) => {
  if (!e.persisted && call.phase.kind === 'in-call') void call.leave();
});

/** Keep a phone's screen on during the visit, where the browser can. */
let wakeLock: { release(): Promise<void> } | null = null;
function keepAwake(on: boolean): void {
  const wl = (navigator as { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } }).wakeLock;
  if (on && !wakeLock && wl) {
    wl.request('screen').then((l) => (wakeLock = l), () => {});
  } else if (!on && wakeLock) {
    void wakeLock.release().catch(() => {});
    wakeLock = null;
  }
}
// The browser lets the lock go when the page is hidden: take it again on coming back.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible') return;
  wakeLock = null;
  keepAwake(call.phase.kind === 'waiting' || call.phase.kind === 'in-call');
});

function render(info: JoinInfo): void {
  byId('visit-ward').textContent = info.calendarName;
  byId('visit-when').textContent = formatInstant(info.start);
  if (info.state === visitState) return;
  visitState = info.state;
  if (info.state === 'early') {
    if (call.phase.kind === 'idle' || call.phase.kind === 'not-open') {
      joinArea.hidden = true;
      say(`Your visit opens at ${formatInstant(info.opensAt)}. Keep this page; come back then.`, 'This page checks again by itself every 30 seconds.');
      document.title = 'Your video visit';
    }
  } else if (info.state === 'open') {
    shown = '';
    show();
  } else if (call.phase.kind === 'idle' || call.phase.kind === 'failed' || call.phase.kind === 'not-open') {
    // Never joined: the page says so, without a call screen.
    check.release();
    joinArea.hidden = true;
    say('This visit has ended.');
    document.title = 'Your visit has ended';
  } else {
    call.visitClosed();
  }
}

async function poll(): Promise<void> {
  const r = await publicApi.joinInfo(token);
  if (!r.ok) {
    if (r.problem.status === 404) {
      if (call.phase.kind === 'idle' || call.phase.kind === 'failed' || call.phase.kind === 'not-open') invalid();
      else call.visitClosed();
      return;
    }
    // A dropped connection: say so (before anything else is shown), and keep trying.
    if (!visitState) say(generalMessage(r.problem));
    setTimeout(() => void poll(), RECHECK_MS);
    return;
  }
  render(r.value);
  if (r.value.state !== 'closed') setTimeout(() => void poll(), RECHECK_MS);
}

if (token) void poll();
else invalid();
