// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { Dispatcher } from '../../protocol/dispatch';
import { CommandReplyStore } from './commandReplies';
import { CommandNotices } from './CommandNotices';
import { button, click, mount, type Mounted } from './mount.test-util';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('CommandNotices', () => {
  test('shows an answer that arrives as command.replied as "Only you can see this", sanitised, with its card and no buttons', async () => {
    const replies = new CommandReplyStore();
    const d = new Dispatcher(() => false);
    replies.register(d);
    mounted = await mount(<CommandNotices replies={replies} conversationId="c1" nameOf={() => undefined} />);
    await act(async () =>
      d.dispatch({
      type: 'user-event',
      userSeq: 3,
      event: {
        kind: 'command.replied',
        conversationId: 'c1',
        botId: 'b',
        command: 'results',
        text: 'You watch **943 476 5919** <img src=x onerror="window.pwned=1">',
        card: { title: 'Watches', severity: 'info', actions: [{ id: 'x:1', label: 'Stop', style: 'danger' }] },
      },
      }),
    );
    const notice = mounted.container.querySelector('.command-notice')!;
    expect(notice.textContent).toContain('Only you can see this · /results');
    expect(notice.querySelector('.markdown strong')?.textContent).toBe('943 476 5919');
    expect(notice.querySelector('img')).toBeNull();
    expect(notice.querySelector('.bot-card-title')?.textContent).toBe('Watches');
    expect(button(notice as HTMLElement, 'Stop')).toBeUndefined();
  });

  test('only this conversation’s answers are shown, and Dismiss removes one', async () => {
    const replies = new CommandReplyStore();
    replies.add('c1', 'help', 'Commands you can use here');
    replies.add('c2', 'help', 'Elsewhere');
    mounted = await mount(<CommandNotices replies={replies} conversationId="c1" nameOf={() => undefined} />);
    expect(mounted.container.querySelectorAll('.command-notice')).toHaveLength(1);
    await click(mounted.container.querySelector('button[aria-label="Dismiss the answer to /help"]'));
    expect(mounted.container.querySelectorAll('.command-notice')).toHaveLength(0);
    expect(replies.replies('c2')).toHaveLength(1);
  });
});
