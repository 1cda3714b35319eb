/**
 * What the feature stores (teams, members, chat actions) may ask of the session that owns the
 * stream. An interface, so they depend on this file and not on app/controller.ts.
 */
import type { ConversationSummary, Me } from '../types';

export interface SessionPort {
  readonly me: Me;
  /** The conversation on screen. */
  readonly activeId: string | null;
  /** Fetch the conversation list now (new conversations get a stream cursor). */
  refreshList(): Promise<void>;
  /** Fetch the conversation list soon (several reasons in a row ask once). */
  scheduleListRefresh(): void;
  /** A conversation the caller just started or created: give it a stream cursor and list it. */
  adopt(c: Partial<ConversationSummary> & { id: string; lastSeq: number }): void;
  /** The caller left a conversation: out of the lists, and off the screen if it was open. */
  drop(conversationId: string): void;
  /** Profiles and presence of people about to be shown. */
  loadPresenceAndPeople(ids: string[]): Promise<void>;
  /** Send an ephemeral frame (typing) if the stream is open; false if it was dropped. */
  sendFrame(frame: Record<string, unknown>): boolean;
}
