// @vitest-environment jsdom
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeStream, FakeTrack } from '../app/calls/fakes.test-util';
import { endView, InCallView, lobbyView } from './callView';
import { CheckView, nameError } from './checkView';
import { MEDIA_TEXT } from './guestText';

const stream = (...kinds: ('audio' | 'video')[]) => new FakeStream(kinds.map((k) => new FakeTrack(k))) as unknown as MediaStream;

function fakeDevices(getUserMedia: (c: MediaStreamConstraints) => Promise<MediaStream>, cameras = 1) {
  const list = [{ kind: 'audioinput', deviceId: 'mic-1', label: 'Built-in microphone' }];
  for (let i = 1; i <= cameras; i++) list.push({ kind: 'videoinput', deviceId: `cam-${i}`, label: `Camera ${i}` });
  vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getUserMedia: vi.fn(getUserMedia), enumerateDevices: async () => list } });
}

async function noViolations(root: Element) {
  const r = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the camera check', () => {
  it('checks the name: required, at most 100 characters', () => {
    expect(nameError('  ')).toMatch(/Enter your name/);
    expect(nameError('x'.repeat(101))).toMatch(/100 characters/);
    expect(nameError(' Maria ')).toBeNull();
  });

  it('shows the self-view, a camera picker when there are two, and joins with the name', async () => {
    fakeDevices(async () => stream('audio', 'video'), 2);
    Element.prototype.scrollIntoView = () => {};
    const onJoin = vi.fn();
    const view = new CheckView(onJoin);
    document.body.append(view.root);
    await view.start();

    const video = view.root.querySelector('video')!;
    expect(video.muted).toBe(true);
    expect(video.hasAttribute('playsinline')).toBe(true);
    expect(view.root.querySelector('#camera-choice')).not.toBeNull();
    expect(view.root.querySelector('#microphone-choice')).toBeNull(); // one microphone: no picker
    expect(view.root.querySelector('label[for=mic-level]')?.textContent).toBe('Microphone level');
    await noViolations(view.root);

    view.root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await Promise.resolve();
    expect(onJoin).not.toHaveBeenCalled();
    expect(view.root.querySelector('#guest-name')!.getAttribute('aria-invalid')).toBe('true');
    expect(view.root.querySelector('.error-summary')!.textContent).toMatch(/Enter your name/);

    (view.root.querySelector('#guest-name') as HTMLInputElement).value = 'Maria Lopez';
    view.root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await Promise.resolve();
    await Promise.resolve();
    expect(onJoin).toHaveBeenCalledWith('Maria Lopez');
  });

  it('says so in words when the camera and microphone are refused, and offers to try again', async () => {
    fakeDevices(async () => {
      throw Object.assign(new Error('no'), { name: 'NotAllowedError' });
    });
    const view = new CheckView(() => {});
    document.body.append(view.root);
    await view.start();
    expect(view.problem).toBe('denied');
    expect(view.root.textContent).toContain(MEDIA_TEXT.denied);
    expect([...view.root.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Try again', 'Join the visit']);
    expect(view.root.querySelector('video')).toBeNull();
    const join = [...view.root.querySelectorAll('button')].find((b) => b.textContent === 'Join the visit')!;
    expect(document.getElementById(join.getAttribute('aria-describedby')!)!.textContent).toContain(MEDIA_TEXT.denied);
    await noViolations(view.root);
  });

  it('stops the camera when released', async () => {
    const s = stream('audio', 'video');
    fakeDevices(async () => s);
    const view = new CheckView(() => {});
    await view.start();
    view.release();
    expect(s.getTracks().every((t) => (t as unknown as FakeTrack).stopped)).toBe(true);
    expect(view.stream).toBeNull();
  });
});

describe('the lobby and call screens', () => {
  it('the lobby says what happens and has Leave', async () => {
    const onLeave = vi.fn();
    const main = document.createElement('main');
    document.body.append(main);
    main.append(lobbyView(stream('audio', 'video'), onLeave));
    expect(document.body.textContent).toContain('Waiting for the ward to let you in');
    const leave = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Leave')!;
    leave.click();
    expect(onLeave).toHaveBeenCalled();
    await noViolations(document.body);
  });

  it('shows a tile per remote stream, keeps tiles that stay, and says the controls in words', async () => {
    const actions = { onMute: vi.fn(), onCamera: vi.fn(), onLeave: vi.fn() };
    const view = new InCallView(stream('audio', 'video'), actions, (_u, i) => `Person ${i + 1}`);
    document.body.append(view.root);
    const a = stream('audio', 'video');
    view.update([{ peerId: 'p1', userId: 'u1', stream: a }]);
    const tile = view.root.querySelector('.remote-tile');
    expect(view.root.querySelector('figcaption')!.textContent).toBe('Person 1');
    expect((view.root.querySelector('.remote-empty') as HTMLElement).hidden).toBe(true);
    view.update([{ peerId: 'p1', userId: 'u1', stream: a }, { peerId: 'p2', userId: 'u2', stream: stream('audio') }]);
    expect(view.root.querySelectorAll('.remote-tile')).toHaveLength(2);
    expect(view.root.querySelector('.remote-tile')).toBe(tile);
    view.update([{ peerId: 'p2', userId: 'u2', stream: stream('audio') }]);
    expect(view.root.querySelectorAll('.remote-tile')).toHaveLength(1);
    view.update([], 1);
    expect(view.root.querySelector('.remote-empty')!.textContent).toBe('Connecting to the video…');
    view.update([], 0);
    expect(view.root.querySelector('.remote-empty')!.textContent).toMatch(/^Nobody else is in the visit/);
    view.update([{ peerId: 'p2', userId: 'u2', stream: stream('audio') }]);

    const [mute, camera, leave] = [...view.root.querySelectorAll<HTMLButtonElement>('.call-controls button')];
    expect([mute.textContent, camera.textContent, leave.textContent]).toEqual(['Mute', 'Stop camera', 'Leave']);
    mute.click();
    expect(actions.onMute).toHaveBeenCalledWith(true);
    view.setControls(true, false);
    expect([mute.textContent, camera.textContent]).toEqual(['Unmute', 'Start camera']);
    camera.click();
    expect(actions.onCamera).toHaveBeenCalledWith(true);
    leave.click();
    expect(actions.onLeave).toHaveBeenCalled();
    await noViolations(view.root);
  });

  it('joined without devices: Mute and Camera cannot be pressed', () => {
    const view = new InCallView(stream(), { onMute: vi.fn(), onCamera: vi.fn(), onLeave: vi.fn() }, () => 'The ward');
    const [mute, camera] = [...view.root.querySelectorAll<HTMLButtonElement>('.call-controls button')];
    expect(mute.disabled && camera.disabled).toBe(true);
    expect(view.root.querySelector('video')).toBeNull();
  });

  it('the end screen offers Rejoin when given', () => {
    const onClick = vi.fn();
    document.body.append(endView('You have left the visit', 'Your camera and microphone are off.', { label: 'Rejoin the visit', onClick }));
    document.querySelector('button')!.click();
    expect(onClick).toHaveBeenCalled();
  });
});
