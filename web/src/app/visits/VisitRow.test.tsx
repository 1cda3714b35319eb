// @vitest-environment jsdom
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

  test('a guest waiting: a Waiting badge in words with their name and role, Admit and Turn away for them, and Join in the window', async () => {
    const call = { onJoin: vi.fn(), onAdmit: vi.fn(), onTurnAway: vi.fn(), onInterpreter: vi.fn() };
    const guest = { guestId: 'g1', name: 'Vera Visitor', role: 'visitor' as const, since: '2027-01-12T13:50:00Z' };
    mounted = await mount(
      <VisitRow visit={{ ...visit, waiting: [guest], inCall: 1 }} now={Date.parse('2027-01-12T13:52:00Z')} hour12={false} onOutcome={() => {}} onEmail={() => {}} onCancel={() => {}} call={call} />,
    );
    const row = mounted.container;
    const badge = row.querySelector('.visit-waiting-guest')!;
    expect(badge.textContent).toContain('Waiting');
    expect(badge.textContent).toContain('Vera Visitor (visitor)');
    expect(row.textContent).toContain('In call (1)');
    const admit = [...row.querySelectorAll('button')].find((b) => b.textContent === 'Admit Vera Visitor (visitor)')!;
    await click(admit);
    expect(call.onAdmit).toHaveBeenCalledWith(guest);
    await click([...row.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Turn away')));
    expect(call.onTurnAway).toHaveBeenCalledWith(guest);
    const join = [...row.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Join'))!;
    expect(join.disabled).toBe(false);
    await click(join);
    expect(call.onJoin).toHaveBeenCalled();
    await click(button(row, 'Add interpreter'));
    expect(call.onInterpreter).toHaveBeenCalled();
  });

  test('before the window Join is disabled and says when it opens; tomorrow’s visits have no Join', async () => {
    const call = { onJoin: vi.fn(), onAdmit: vi.fn(), onTurnAway: vi.fn(), onInterpreter: vi.fn() };
    mounted = await mount(<VisitRow visit={visit} now={Date.parse('2027-01-12T10:00:00Z')} hour12={false} onOutcome={() => {}} onEmail={() => {}} onCancel={() => {}} call={call} />);
    const join = [...mounted.container.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Join'))!;
    expect(join.disabled).toBe(true);
    expect(document.getElementById(join.getAttribute('aria-describedby')!)?.textContent).toBe('Join opens at 13:45, 15 minutes before the visit.');
    await mounted.rerender(<VisitRow visit={visit} now={Date.parse('2027-01-11T10:00:00Z')} hour12={false} onOutcome={() => {}} onEmail={() => {}} onCancel={() => {}} call={call} />);
    expect([...mounted.container.querySelectorAll('button')].some((b) => b.textContent?.startsWith('Join'))).toBe(false);
  });
});
