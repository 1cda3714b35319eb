// @vitest-environment jsdom
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { MessageCard } from '../../protocol/events';
import { ToastStore } from '../alerts/toasts';
import { MessageCardView, safeCardLink } from './MessageCardView';
import { button, click, mount, type Mounted } from './mount.test-util';

const critical: MessageCard = {
  title: 'Potassium 6.9 mmol/L',
  severity: 'critical',
  fields: [
    { label: 'Patient', value: 'TEST, Alex (943 476 5919)' },
    { label: 'Range', value: '3.5–5.3' },
  ],
  actions: [
    { id: 'results.ack:r-1', label: 'Acknowledge', style: 'primary' },
    { id: 'results.escalate:r-1', label: 'Escalate', style: 'danger' },
  ],
  footer: 'City Lab · reported 10:42',
  link: '#/results/r-1',
};

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  vi.unstubAllGlobals();
  document.cookie = 'confer_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

describe('MessageCardView', () => {
  test('shows the title, the severity as a word as well as a colour, the fields as a definition list and the footer', async () => {
    mounted = await mount(<MessageCardView card={critical} conversationId="c1" messageId="m1" />);
    const el = mounted.container;
    expect(el.querySelector('.bot-card')?.classList.contains('severity-critical')).toBe(true);
    expect(el.querySelector('.bot-card-severity')?.textContent).toContain('Critical');
    expect(el.querySelector('.bot-card-title')?.textContent).toBe('Potassium 6.9 mmol/L');
    expect([...el.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['Patient', 'Range']);
    expect([...el.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['TEST, Alex (943 476 5919)', '3.5–5.3']);
    expect(el.querySelector('.bot-card-footer')?.textContent).toBe('City Lab · reported 10:42');
    expect(button(el, 'Acknowledge')?.className).toBe('primary');
    expect(button(el, 'Escalate')?.className).toContain('danger');
  });

  test('every string is text: markup in a title, field or button stays visible characters and makes no element', async () => {
    const evil = '<img src=x onerror="window.pwned=1">';
    const card: MessageCard = {
      title: evil,
      severity: 'warning',
      fields: [{ label: '**bold**', value: evil }],
      actions: [{ id: 'x:1', label: evil, style: 'default' }],
      footer: '<script>alert(1)</script>',
    };
    mounted = await mount(<MessageCardView card={card} conversationId="c1" messageId="m1" />);
    const el = mounted.container;
    expect(el.querySelector('img, script, strong.bold, b')).toBeNull();
    expect(el.querySelector('.bot-card-title')?.textContent).toBe(evil);
    expect(el.querySelector('dt')?.textContent).toBe('**bold**');
    expect(el.querySelector('dd')?.textContent).toBe(evil);
    expect(el.querySelector('.bot-card-footer')?.textContent).toBe('<script>alert(1)</script>');
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  test('the View link is offered only for an app route', async () => {
    expect(safeCardLink('#/results/r-1')).toBe('#/results/r-1');
    for (const bad of ['https://evil.example/', 'javascript:alert(1)', '#javascript:alert(1)', '/#/results', '#/a b', '#/a"onmouseover=x', undefined])
      expect(safeCardLink(bad)).toBeNull();
    mounted = await mount(<MessageCardView card={critical} conversationId="c1" messageId="m1" />);
    expect(mounted.container.querySelector('a')?.getAttribute('href')).toBe('#/results/r-1');
    await mounted.rerender(<MessageCardView card={{ ...critical, link: 'javascript:alert(1)' }} conversationId="c1" messageId="m1" />);
    expect(mounted.container.querySelector('a')).toBeNull();
  });

  test('pressing a button posts to that message’s action with the CSRF header, and the answer becomes a toast', async () => {
    document.cookie = 'confer_csrf=token-123';
    const fetch = vi.fn(async () => new Response(JSON.stringify({ text: 'Acknowledged for everyone' }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const toasts = new ToastStore({
      meId: 'me',
      kindOf: () => 'direct',
      isMuted: () => false,
      myStatus: () => undefined,
      live: () => true,
      activeId: () => 'c 1',
      nameOf: () => 'Results',
      setTimer: () => 0,
      clearTimer: () => {},
    });
    mounted = await mount(
      <MessageCardView
        card={critical}
        conversationId="c 1"
        messageId="m1"
        onAnswer={(text) => toasts.say({ conversationId: 'c 1', messageId: 'm1', authorId: 'bot', preview: text })}
      />,
    );
    await click(button(mounted.container, 'Acknowledge'));
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/conversations/c%201/messages/m1/actions/results.ack%3Ar-1');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('token-123');
    expect(toasts.toasts().map((t) => t.preview)).toEqual(['Acknowledged for everyone']);
    expect(button(mounted.container, 'Acknowledge')?.disabled).toBe(false);
  });

  test('the buttons are busy while the press is on its way, and a refusal is shown', async () => {
    let answer: (r: Response) => void = () => {};
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((r) => (answer = r))));
    mounted = await mount(<MessageCardView card={critical} conversationId="c1" messageId="m1" />);
    await click(button(mounted.container, 'Acknowledge'));
    expect(button(mounted.container, 'Acknowledge…')?.disabled).toBe(true);
    expect(button(mounted.container, 'Escalate')?.disabled).toBe(true);
    answer(new Response(JSON.stringify({ type: 'urn:confer:problem:forbidden', detail: 'Only people alerted of this result can acknowledge it.' }), { status: 403 }));
    await click(mounted.container.querySelector('.bot-card')); // lets the answer settle
    expect(mounted.container.querySelector('[role="alert"]')?.textContent).toBe('Only people alerted of this result can acknowledge it.');
    expect(button(mounted.container, 'Acknowledge')?.disabled).toBe(false);
  });
});
