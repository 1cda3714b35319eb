import { describe, expect, test, vi } from 'vitest';
import { chatFixture } from '../../testing/chatFixture';
import { TitleFlasher, TonePlayer, type AudioLike } from './tone';
import { UrgentAlerter } from './urgentAlerter';

function setup(urgentSound = true) {
  const f = chatFixture();
  const audio: AudioLike & { played: number } = {
    currentTime: 0,
    played: 0,
    play() {
      this.played++;
      return Promise.resolve();
    },
  };
  const doc = { title: 'Confer', visibilityState: 'hidden' as DocumentVisibilityState };
  const alerter = new UrgentAlerter(
    { urgent: f.urgent, urgentSound: () => urgentSound, senderOf: () => 'Alice Moreno' },
    new TonePlayer(() => audio),
    new TitleFlasher(doc),
  );
  alerter.register(f.dispatcher);
  return { f, audio, doc, alerter };
}

describe('UrgentAlerter', () => {
  test('the tone plays at the first notice and once per reminder, not for a repeated frame', () => {
    const { f, audio, alerter } = setup();
    f.userEvent(1, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 1 });
    expect(audio.played).toBe(1);
    alerter.notice('c1', 'm4', 1); // seen again
    expect(audio.played).toBe(1);
    f.userEvent(2, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 2 });
    expect(audio.played).toBe(2);
    expect(alerter.tone.plays).toBe(2);
    alerter.stop();
  });

  test('no tone once acknowledged, nor when the person turned the urgent tone off (the alert still shows)', async () => {
    const { f, audio, alerter } = setup();
    f.urgent.noteAcknowledged('m4', f.people.me.id, '2026-11-25T10:01:00Z');
    f.userEvent(1, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 2 });
    expect(audio.played).toBe(0);
    alerter.stop();
    const silent = setup(false);
    silent.f.userEvent(1, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm5', attempt: 1 });
    expect(silent.audio.played).toBe(0);
    expect(silent.f.urgent.reminders()).toHaveLength(1);
    silent.alerter.stop();
  });

  test('a refused play (autoplay policy) is remembered so the alert can ask for a click', async () => {
    const tone = new TonePlayer(() => ({ currentTime: 0, play: () => Promise.reject(new Error('NotAllowedError')) }));
    tone.play();
    await new Promise((r) => setTimeout(r, 0));
    expect(tone.blocked).toBe(true);
  });

  test('while hidden the title flashes until nothing is left to acknowledge', () => {
    vi.useFakeTimers();
    try {
      const { f, doc, alerter } = setup();
      f.userEvent(1, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 1 });
      expect(doc.title).toBe('⚠ Urgent from Alice Moreno');
      vi.advanceTimersByTime(1000);
      expect(doc.title).toBe('Confer');
      doc.title = '(2) Confer'; // the unread count changed meanwhile
      vi.advanceTimersByTime(1000);
      expect(doc.title).toBe('⚠ Urgent from Alice Moreno');
      f.urgent.noteAcknowledged('m4', f.people.me.id, '2026-11-25T10:01:00Z');
      expect(alerter.flasher.flashing).toBe(false);
      expect(doc.title).toBe('(2) Confer');
    } finally {
      vi.useRealTimers();
    }
  });

  test('the title does not flash while the page is visible, and stops when it becomes visible', () => {
    vi.useFakeTimers();
    try {
      const { f, doc, alerter } = setup();
      doc.visibilityState = 'visible';
      f.userEvent(1, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 1 });
      expect(doc.title).toBe('Confer');
      doc.visibilityState = 'hidden';
      f.userEvent(2, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 2 });
      expect(doc.title).toBe('⚠ Urgent from Alice Moreno');
      doc.visibilityState = 'visible';
      vi.advanceTimersByTime(1000);
      expect(alerter.flasher.flashing).toBe(false);
      expect(doc.title).toBe('Confer');
    } finally {
      vi.useRealTimers();
    }
  });
});
