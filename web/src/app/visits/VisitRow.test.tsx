import { afterEach, describe, expect, test, vi } from 'vitest';
import { button, click, mount, type Mounted } from '../bots/mount.test-util';
import type { Visit } from './api';
import { VisitRow } from './VisitRow';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const visit: Visit = {
  id: 'v1',
  calendarId: 'c',
  reference: 'K7M2P9QX',
  start: '2027-01-12T14:00:00Z',
  end: '2027-01-12T14:30:00Z',
  status: 'booked',
  visitorName: 'Vera Visitor',
  visitorEmail: 'vera@example.org',
  visitorMobile: null,
  patientName: 'Pat Patient',
  answers: { bed: '12', relationship: 'Daughter' },
  callId: null,
  waiting: [],
  inCall: 0,
};

describe('VisitRow', () => {
  test('before the start: Attended and No-show are disabled, and the reason is said beside them and tied to them', async () => {
    mounted = await mount(<VisitRow visit={visit} now={Date.parse('2027-01-12T13:00:00Z')} hour12={false} onOutcome={() => {}} onEmail={() => {}} onCancel={() => {}} />);
    const row = mounted.container;
    expect(row.textContent).toContain('14:00–14:30');
    expect(row.textContent).toContain('Pat Patient, bed 12');
    expect(row.textContent).toContain('K7M2P9QX');
    expect(row.textContent).toContain('relationship: Daughter');
    const attended = button(row, 'Attended')!;
    expect(attended.disabled).toBe(true);
    expect(attended.title).toMatch(/from 14:00/);
    const why = document.getElementById(attended.getAttribute("aria-describedby")!);
    expect(why?.textContent).toMatch(/from 14:00, when the visit starts/);
    expect(button(row, 'Email visitor')!.disabled).toBe(false);
    expect(button(row, 'Cancel')!.disabled).toBe(false);
  });

  test('after the start: Attended sends the outcome', async () => {
    const onOutcome = vi.fn();
    mounted = await mount(<VisitRow visit={visit} now={Date.parse('2027-01-12T14:05:00Z')} hour12={false} onOutcome={onOutcome} onEmail={() => {}} onCancel={() => {}} />);
    const attended = button(mounted.container, 'Attended')!;
    expect(attended.disabled).toBe(false);
    expect(attended.hasAttribute('aria-describedby')).toBe(false);
    await click(attended);
    expect(onOutcome).toHaveBeenCalledWith('attended');
  });

  test('says the status in words, not colour alone', async () => {
    mounted = await mount(<VisitRow visit={{ ...visit, status: 'no-show' }} now={Date.parse('2027-01-12T15:00:00Z')} hour12={false} onOutcome={() => {}} onEmail={() => {}} onCancel={() => {}} />);
    expect(mounted.container.querySelector('.visit-status')?.textContent).toContain('No-show');
    expect(button(mounted.container, 'No-show')!.disabled).toBe(true);
  });

  test('a cancelled visit shows no buttons', async () => {
    mounted = await mount(<VisitRow visit={{ ...visit, status: 'cancelled' }} now={Date.parse('2027-01-12T13:00:00Z')} hour12={false} onOutcome={() => {}} onEmail={() => {}} onCancel={() => {}} />);
    expect(mounted.container.querySelector('.visit-status')?.textContent).toContain('Cancelled');
    expect(mounted.container.querySelectorAll('button')).toHaveLength(0);
  });
});
