/**
 * What each rail item counts, as Teams counts it: Chat every unread message of direct and group
 * chats; Teams only mentions of me in channels, with a dot (no number) when channels merely have
 * unread messages. Muted conversations still count: muting stops interruptions (toasts, sounds,
 * desktop notifications), never the record of what is unread (docs/decisions.md).
 */
import type { ConversationSummary } from '../../types';

export function chatUnread(conversations: ConversationSummary[]): number {
  return conversations.reduce((n, c) => (c.kind === 'channel' ? n : n + c.unreadCount), 0);
}

export interface TeamsCount {
  /** Unread mentions of me (or @channel/@team) in channels: the number on the badge. */
  mentions: number;
  /** Channels with unread messages: a dot when nothing mentions me. */
  unreadChannels: number;
}

export function teamsCount(conversations: ConversationSummary[]): TeamsCount {
  let mentions = 0;
  let unreadChannels = 0;
  for (const c of conversations) {
    if (c.kind !== 'channel') continue;
    mentions += c.mentionCount;
    if (c.unreadCount > 0) unreadChannels++;
  }
  return { mentions, unreadChannels };
}

/** What a screen reader hears after "Teams". */
export function teamsText({ mentions, unreadChannels }: TeamsCount): string {
  const channels = unreadChannels === 1 ? '1 channel with unread messages' : `${unreadChannels} channels with unread messages`;
  if (mentions > 0) return `, ${mentions} ${mentions === 1 ? 'mention' : 'mentions'} of you, ${channels}`;
  return unreadChannels > 0 ? `, ${channels}` : '';
}
