/**
 * The one place where stream frames become changes: every store registers here for the event
 * kinds and frame types it needs, and `dispatch` routes each frame to them. Modelled on Zulip's
 * server_events_dispatch.js.
 *
 * The switches below are exhaustive over the unions of events.ts: a kind added there without a
 * case here fails to compile (the `never` in the default). At run time an unknown kind reaches
 * the default and is ignored, as the protocol asks (its cursor was already advanced).
 *
 * Handlers run in the order they registered, so a store that reads another store's state while
 * an event is applied registers before it (store/chatState.ts says where that matters). A
 * handler that throws is logged and the others still run: one bad event or one store's bug
 * never stops the stream.
 */
import type {
  ConversationEvent,
  ConversationEventKind,
  ConversationEventOf,
  EventFrame,
  FrameOf,
  ServerFrame,
  ServerFrameType,
  UserEventFrame,
  UserEventKind,
  UserEventOf,
} from './events';

/** Where and when a conversation event happened, worked out once before any handler runs. */
export interface ConversationContext {
  conversationId: string;
  seq: number;
  /** The conversation is on screen, scrolled to the newest message, in a visible page. */
  focused: boolean;
}

/** After every conversation event, known kind or not: the conversation moved on to `seq`. */
export interface AppliedContext extends ConversationContext {
  kind: string;
}

/** Frame types delivered as they are (`event` and `user-event` are delivered by kind instead). */
export type SignalFrameType = Exclude<ServerFrameType, 'event' | 'user-event'>;

export type ConversationHandler<K extends ConversationEventKind> = (event: ConversationEventOf<K>, ctx: ConversationContext) => void;
export type UserEventHandler<K extends UserEventKind> = (event: UserEventOf<K>, userSeq: number) => void;
export type FrameHandler<T extends SignalFrameType> = (frame: FrameOf<T>) => void;
export type Unsubscribe = () => void;

/** Handlers by key, in registration order. Typed at the edges (on…); loosely inside. */
class Registry<Args extends unknown[]> {
  private readonly byKey = new Map<string, Set<(...args: Args) => void>>();

  add(key: string, handler: (...args: Args) => void): Unsubscribe {
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  emit(key: string, ...args: Args): void {
    const set = this.byKey.get(key);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(...args);
      } catch (e) {
        console.error(`confer: a handler for ${key} failed`, e);
      }
    }
  }
}

const APPLIED = '*';

export class Dispatcher {
  private readonly conversationHandlers = new Registry<[never, ConversationContext]>();
  private readonly appliedHandlers = new Registry<[AppliedContext]>();
  private readonly userHandlers = new Registry<[never, number]>();
  private readonly frameHandlers = new Registry<[never]>();

  /** `isFocused` says whether a conversation is being looked at (the session knows). */
  constructor(private readonly isFocused: (conversationId: string) => boolean = () => false) {}

  onConversationEvent<K extends ConversationEventKind>(kind: K, handler: ConversationHandler<K>): Unsubscribe {
    return this.conversationHandlers.add(kind, handler as (event: never, ctx: ConversationContext) => void);
  }

  /** Runs after the kind's own handlers for every conversation event, unknown kinds included. */
  afterConversationEvent(handler: (ctx: AppliedContext) => void): Unsubscribe {
    return this.appliedHandlers.add(APPLIED, handler);
  }

  onUserEvent<K extends UserEventKind>(kind: K, handler: UserEventHandler<K>): Unsubscribe {
    return this.userHandlers.add(kind, handler as (event: never, userSeq: number) => void);
  }

  onFrame<T extends SignalFrameType>(type: T, handler: FrameHandler<T>): Unsubscribe {
    return this.frameHandlers.add(type, handler as (frame: never) => void);
  }

  /** One frame, already in order (the stream client applies the seq rules before this). */
  dispatch(frame: ServerFrame): void {
    switch (frame.type) {
      case 'event':
        return this.conversationEvent(frame);
      case 'user-event':
        return this.userEvent(frame);
      case 'ready':
      case 'error':
      case 'resync-required':
      case 'user-resync-required':
      case 'not-a-member':
      case 'pong':
      case 'typing':
      case 'read':
      case 'presence':
      case 'call.ring':
      case 'call.ring-stopped':
      case 'call.roster':
      case 'call.signal':
      case 'call.lobby':
      case 'call.admission':
        return this.frameHandlers.emit(frame.type, frame as never);
      default:
        return ignoreUnknown(frame);
    }
  }

  private conversationEvent({ conversationId, seq, event }: EventFrame): void {
    const ctx: ConversationContext = { conversationId, seq, focused: this.isFocused(conversationId) };
    const kind = typeof event?.kind === 'string' ? event.kind : '';
    if (!kind) console.warn('confer: a conversation event without a kind', conversationId, seq, event);
    else this.conversationEventByKind(event, ctx);
    this.appliedHandlers.emit(APPLIED, { ...ctx, kind });
  }

  private conversationEventByKind(event: ConversationEvent, ctx: ConversationContext): void {
    switch (event.kind) {
      case 'message.posted':
      case 'message.edited':
      case 'message.card-updated':
      case 'message.files-updated':
      case 'message.deleted':
      case 'reaction.added':
      case 'reaction.removed':
      case 'message.acknowledged':
      case 'conversation.created':
      case 'conversation.renamed':
      case 'conversation.archived':
      case 'member.added':
      case 'member.removed':
      case 'message.pinned':
      case 'message.unpinned':
      case 'call.started':
      case 'call.ended':
      case 'call.missed':
        return this.conversationHandlers.emit(event.kind, event as never, ctx);
      default:
        return ignoreUnknown(event);
    }
  }

  private userEvent({ userSeq, event }: UserEventFrame): void {
    if (typeof event?.kind !== 'string') {
      console.warn('confer: a user event without a kind', userSeq, event);
      return;
    }
    switch (event.kind) {
      case 'conversation.added':
      case 'conversation.removed':
      case 'message.urgent':
      case 'read.moved':
      case 'preferences.changed':
      case 'message.saved':
      case 'message.unsaved':
      case 'meeting.invited':
      case 'meeting.updated':
      case 'meeting.cancelled':
      case 'command.replied':
      case 'request.updated':
        return this.userHandlers.emit(event.kind, event as never, userSeq);
      default:
        return ignoreUnknown(event);
    }
  }
}

/**
 * The compiler proves this is never reached with a known kind; at run time a newer server's
 * kind or frame type lands here and is ignored (docs/protocol.md: clients ignore kinds they do
 * not know).
 */
function ignoreUnknown(_unknown: never): void {}
