// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import type { Message } from '../../types';
import { messageLink } from './MessageItem';

const message = (over: Partial<Message>): Message =>
  ({ id: 'm-1', conversationId: 'c-1', seq: 1, authorId: 'u-1', createdAt: '2026-11-25T10:00:00Z', text: 'hi', ...over }) as Message;

describe('messageLink', () => {
  test('names the conversation and the message', () => {
    expect(messageLink(message({}))).toBe(`${location.origin}${location.pathname}#/c/c-1/m/m-1`);
  });

  test('names the thread root of a reply, so the link can open the thread before the reply is loaded', () => {
    expect(messageLink(message({ id: 'r-9', threadRootId: 'm-1' }))).toBe(`${location.origin}${location.pathname}#/c/c-1/t/m-1/m/r-9`);
  });

  test('encodes ids that are not plain', () => {
    expect(messageLink(message({ id: 'a/b', conversationId: 'c d' }))).toMatch(/#\/c\/c%20d\/m\/a%2Fb$/);
  });
});
