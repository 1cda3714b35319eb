// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import { BOB, chatFixture, direct, ME } from '../../testing/chatFixture';
import { ConversationList } from '../chat/ConversationList';
import { MemberList } from '../teams/MemberList';
import { BotBadgeFor } from './BotBadge';
import { mount, type Mounted } from './mount.test-util';

const RESULTS = 'bot-results';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const badges = (el: HTMLElement) => [...el.querySelectorAll('[role="img"][aria-label="bot"]')];

describe('the BOT badge', () => {
  test('is shown for a bot’s profile only, with the accessible name "bot"', async () => {
    mounted = await mount(
      <>
        <BotBadgeFor person={{ bot: true }} />
        <BotBadgeFor person={{ bot: false }} />
        <BotBadgeFor person={{}} />
        <BotBadgeFor person={undefined} />
      </>,
    );
    expect(badges(mounted.container)).toHaveLength(1);
    expect(badges(mounted.container)[0].textContent).toBe('BOT');
  });

  test('marks a direct chat with a bot in the conversation list, and not one with a person', async () => {
    const f = chatFixture([direct('c-bob', 1), direct('c-bot', 2, { memberIds: [ME, RESULTS] })]);
    f.people.addPeople([
      { id: BOB, displayName: 'Bob Adams' },
      { id: RESULTS, displayName: 'Results', bot: true },
    ]);
    mounted = await mount(<ConversationList conversations={f.conversations} people={f.people} presence={f.presence} activeId={null} onSelect={() => {}} />);
    const rows = [...mounted.container.querySelectorAll('button.conversation')];
    const row = (name: string) => rows.find((r) => r.querySelector('.conversation-title')?.textContent === name)!;
    expect(badges(row('Results') as HTMLElement)).toHaveLength(1);
    expect(badges(row('Bob Adams') as HTMLElement)).toHaveLength(0);
  });

  test('marks bots in a member list', async () => {
    const f = chatFixture();
    f.people.addPeople([
      { id: BOB, displayName: 'Bob Adams' },
      { id: RESULTS, displayName: 'Results', bot: true },
    ]);
    const rows = [BOB, RESULTS].map((userId) => ({ userId, role: 'member' as const }));
    mounted = await mount(<MemberList people={f.people} presence={f.presence} rows={rows} label="Members" />);
    const items = [...mounted.container.querySelectorAll<HTMLElement>('li.member-row')];
    const row = (name: string) => items.find((li) => li.querySelector('bdi')?.textContent === name)!;
    expect(badges(row('Results'))).toHaveLength(1);
    expect(badges(row('Bob Adams'))).toHaveLength(0);
  });
});
