/**
 * What the client knows about calls (docs/calls-and-meetings.md): the live call of each
 * conversation (from `call.roster` frames, and GET /api/v1/calls after each (re)connect, since
 * frames are not replayed), the calls ringing me, the lobby of calls I host, and my own call.
 * Framework-free; an Observable for React.
 */
import type { Dispatcher } from '../../protocol/dispatch';
import type { CallAdmissionFrame, CallPeer, CallRingFrame } from '../../protocol/events';
import { Observable } from '../../store/observable';
import type { CallInfo } from './callApi';

export interface LobbyEntry {
  userId: string;
  since: string;
  /** Said by the server for someone outside the directory (a visit's guest), when it says it. */
  name?: string;
}

/** The call I am in on this device. */
export interface MyCall {
  callId: string;
  conversationId: string;
  peerId: string;
}

export class CallStore extends Observable {
  private calls = new Map<string, CallInfo>();
  private ringingMap = new Map<string, CallRingFrame>();
  private lobbyMap = new Map<string, LobbyEntry[]>();
  private mineNow: MyCall | null = null;
  /** The last admission answer per call (admitted, denied, removed), for the lobby screen. */
  private admissions = new Map<string, CallAdmissionFrame['state']>();
  /** Names of people the directory does not list (virtual visits' guests), told by the ward view. */
  private names = new Map<string, string>();

  register(d: Dispatcher): void {
    d.onFrame('call.roster', (f) => {
      if (f.ended) this.ended(f.callId);
      else this.upsert({ ...this.calls.get(f.callId), callId: f.callId, conversationId: f.conversationId, topology: f.topology, participants: f.participants });
    });
    d.onFrame('call.ring', (f) => {
      this.ringingMap.set(f.callId, f);
      this.changed();
    });
    d.onFrame('call.ring-stopped', (f) => this.stopRinging(f.callId));
    d.onFrame('call.lobby', (f) => {
      this.lobbyMap.set(f.callId, f.waiting ?? []);
      this.changed();
    });
    d.onFrame('call.admission', (f) => {
      this.admissions.set(f.callId, f.state);
      this.changed();
    });
    d.onConversationEvent('call.ended', (e) => this.ended(e.callId));
  }

  /** GET /api/v1/calls after (re)connecting: the whole truth, replacing what frames said before. */
  setCalls(items: CallInfo[]): void {
    const mine = this.mineNow?.callId;
    this.calls = new Map(items.map((c) => [c.callId, c]));
    // A call I am in that the list no longer has has ended (or I missed its end while offline).
    if (mine && !this.calls.has(mine)) this.mineNow = null;
    for (const id of [...this.ringingMap.keys()]) if (!this.calls.has(id)) this.ringingMap.delete(id);
    this.changed();
  }

  upsert(call: CallInfo): void {
    this.calls.set(call.callId, call);
    this.changed();
  }

  /** A call that has ended: gone from the header, the ringing and the lobby. */
  ended(callId: string): void {
    const had = this.calls.delete(callId) || this.ringingMap.delete(callId) || this.lobbyMap.delete(callId);
    this.ringingMap.delete(callId);
    this.lobbyMap.delete(callId);
    if (had) this.changed();
  }

  call(callId: string): CallInfo | undefined {
    return this.calls.get(callId);
  }

  /** The live call in a conversation, if any (at most one, by the contract). */
  liveIn(conversationId: string): CallInfo | undefined {
    for (const c of this.calls.values()) if (c.conversationId === conversationId) return c;
    return undefined;
  }

  /** The people in a call, one entry per device (peer). */
  participants(callId: string): CallPeer[] {
    return this.calls.get(callId)?.participants ?? [];
  }

  /** How many people (not devices) are in a call. */
  peopleIn(callId: string): number {
    return new Set(this.participants(callId).map((p) => p.userId)).size;
  }

  /** Calls ringing me now, oldest first. */
  ringing(): CallRingFrame[] {
    return [...this.ringingMap.values()];
  }

  stopRinging(callId: string): void {
    if (this.ringingMap.delete(callId)) this.changed();
  }

  /** Who waits in the lobby of a call I host. */
  lobby(callId: string): LobbyEntry[] {
    return this.lobbyMap.get(callId) ?? [];
  }

  /** Whether I host this call: only hosts are told who waits, or are named as hosts by the server. */
  isHost(callId: string, meId: string): boolean {
    return this.lobbyMap.has(callId) || (this.calls.get(callId)?.hosts ?? []).includes(meId);
  }

  /**
   * Names for people outside the directory: a visit's guests are accounts of their own kind that
   * people search never finds (docs/virtual-visits.md, "Joining"), so the ward view, which has
   * their names from the visits list, tells them here for the call view's lobby and tiles.
   */
  knowNames(entries: Iterable<[string, string]>): void {
    let changed = false;
    for (const [id, name] of entries)
      if (this.names.get(id) !== name) {
        this.names.set(id, name);
        changed = true;
      }
    if (changed) this.changed();
  }

  /**
   * Who waits in a call's lobby, from a list the server gave a host (a visit's `waiting` in the ward
   * view): frames are not replayed, so a host who opens the app after someone started waiting has
   * heard no `call.lobby` yet. It also marks me a host of that call (isHost), as a frame would.
   */
  setLobby(callId: string, waiting: LobbyEntry[]): void {
    const before = this.lobbyMap.get(callId);
    if (before && JSON.stringify(before) === JSON.stringify(waiting)) return;
    this.lobbyMap.set(callId, waiting);
    this.changed();
  }

  /** A name told by knowNames or by the lobby frame, if any. */
  knownName(userId: string): string | undefined {
    if (this.names.has(userId)) return this.names.get(userId);
    for (const waiting of this.lobbyMap.values()) for (const w of waiting) if (w.userId === userId && w.name) return w.name;
    return undefined;
  }

  admission(callId: string): CallAdmissionFrame['state'] | undefined {
    return this.admissions.get(callId);
  }

  clearAdmission(callId: string): void {
    if (this.admissions.delete(callId)) this.changed();
  }

  mine(): MyCall | null {
    return this.mineNow;
  }

  setMine(mine: MyCall | null): void {
    this.mineNow = mine;
    if (mine) this.ringingMap.delete(mine.callId);
    this.changed();
  }
}
