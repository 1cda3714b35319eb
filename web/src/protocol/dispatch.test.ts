import { afterEach, describe, expect, test, vi } from 'vitest';
import { chatFixture } from '../testing/chatFixture';
import { Dispatcher, type AppliedContext } from './dispatch';
import type { ConversationEvent, ServerFrame } from './events';
import { conversationEventExamples, serverFrameExamples, userEventExamples } from './events.generated';

const C = 'c1';
const event = (seq: number, e: ConversationEvent): ServerFrame => ({ type: 'event', conversationId: C, seq, event: e });

afterEach(() => vi.restoreAllMocks());

describe('routing', () => {
  test('every conversation event kind in the catalogue reaches the handlers registered for it, with its context', () => {
    const d = new Dispatcher((id) => id === C);
    for (const [i, example] of conversationEventExamples.entries()) {
      const seen = vi.fn();
      d.onConversationEvent(example.kind, seen);
      d.dispatch(event(i + 1, example));
      expect(seen, example.kind).toHaveBeenCalledWith(example, { conversationId: C, seq: i + 1, focused: true });
    }
  });

  test('every user event kind in the catalogue reaches the handlers registered for it, with its userSeq', () => {
    const d = new Dispatcher();
    for (const [i, example] of userEventExamples.entries()) {
      const seen = vi.fn();
      d.onUserEvent(example.kind, seen);
      d.dispatch({ type: 'user-event', userSeq: i + 1, event: example });
      expect(seen, example.kind).toHaveBeenCalledWith(example, i + 1);
    }
  });

  test('every other frame type in the catalogue reaches the handlers registered for it as it is', () => {
    const d = new Dispatcher();
    for (const frame of serverFrameExamples) {
      if (frame.type === 'event' || frame.type === 'user-event') continue;
      const seen = vi.fn();
      d.onFrame(frame.type, seen);
      d.dispatch(frame);
      expect(seen, frame.type).toHaveBeenCalledWith(frame);
    }
  });

  test('a handler hears only its own kind', () => {
    const d = new Dispatcher();
    const renamed = vi.fn();
    d.onConversationEvent('conversation.renamed', renamed);
    d.dispatch(event(1, { kind: 'conversation.archived', by: 'u' }));
    expect(renamed).not.toHaveBeenCalled();
  });

  test('handlers run in the order they registered, then the after-event handlers', () => {
    const d = new Dispatcher();
    const order: string[] = [];
    d.afterConversationEvent(() => order.push('after'));
    d.onConversationEvent('conversation.archived', () => order.push('first'));
    d.onConversationEvent('conversation.archived', () => order.push('second'));
    d.dispatch(event(1, { kind: 'conversation.archived', by: 'u' }));
    expect(order).toEqual(['first', 'second', 'after']);
  });

  test('an unsubscribed handler hears nothing more', () => {
    const d = new Dispatcher();
    const seen = vi.fn();
    const off = d.onFrame('pong', seen);
    d.dispatch({ type: 'pong' });
    off();
    d.dispatch({ type: 'pong' });
    expect(seen).toHaveBeenCalledTimes(1);
  });
});

describe('robustness', () => {
  test('a kind this client does not know reaches no kind handler, but the conversation still moves on', () => {
    const d = new Dispatcher();
    const applied: AppliedContext[] = [];
    const posted = vi.fn();
    d.onConversationEvent('message.posted', posted);
    d.afterConversationEvent((ctx) => applied.push(ctx));
    d.dispatch(event(7, { kind: 'message.pinned' } as unknown as ConversationEvent));
    expect(posted).not.toHaveBeenCalled();
    expect(applied).toEqual([{ conversationId: C, seq: 7, focused: false, kind: 'message.pinned' }]);
  });

  test('unknown user event kinds and frame types are ignored', () => {
    const d = new Dispatcher();
    const seen = vi.fn();
    d.onUserEvent('read.moved', seen);
    d.dispatch({ type: 'user-event', userSeq: 1, event: { kind: 'team.joined' } } as unknown as ServerFrame);
    d.dispatch({ type: 'goodbye' } as unknown as ServerFrame);
    expect(seen).not.toHaveBeenCalled();
  });

  test('a handler that throws is logged and the other handlers still run', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const d = new Dispatcher();
    const after = vi.fn();
    d.onConversationEvent('conversation.archived', () => {
      throw new Error('a store bug');
    });
    d.onConversationEvent('conversation.archived', after);
    d.afterConversationEvent(after);
    d.dispatch(event(1, { kind: 'conversation.archived', by: 'u' }));
    expect(after).toHaveBeenCalledTimes(2);
    expect(logged).toHaveBeenCalledWith('confer: a handler for conversation.archived failed', expect.any(Error));
  });

  test('an event without a kind is logged, and the conversation still moves on', () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const d = new Dispatcher();
    const after = vi.fn();
    d.afterConversationEvent(after);
    d.dispatch({ type: 'event', conversationId: C, seq: 3, event: undefined } as unknown as ServerFrame);
    expect(warned).toHaveBeenCalled();
    expect(after).toHaveBeenCalledWith({ conversationId: C, seq: 3, focused: false, kind: '' });
  });

  test('the whole catalogue applies to the app state without a handler failing', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const f = chatFixture();
    for (const frame of serverFrameExamples) f.dispatcher.dispatch(frame);
    for (const [i, e] of conversationEventExamples.entries()) f.event(e.kind === 'conversation.created' ? 'c9' : 'c1', 10 + i, e);
    for (const [i, e] of userEventExamples.entries()) f.userEvent(10 + i, e);
    expect(logged).not.toHaveBeenCalled();
  });
});
