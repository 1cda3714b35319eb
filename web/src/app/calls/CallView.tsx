import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { CallPeer } from '../../protocol/events';
import type { PeopleStore } from '../../store/people';
import { isolate } from '../../text/isolate';
import { useStore } from '../useStore';
import { initials } from '../util';
import type { CallController } from './callController';
import type { JoinGrant } from './callApi';
import type { CallEngine } from './engine';
import { listDevices, type Devices } from './media';
import { StreamVideo } from './StreamVideo';

interface Tile {
  peerId: string;
  userId: string;
  name: string;
  stream: MediaStream | null;
  me: boolean;
  state?: CallPeer;
}

/**
 * The call: a full-window modal over the app (the chat stays where it was; "Hide" goes back to
 * it while the call goes on), a grid of video tiles (name, muted, raised hand, who is speaking),
 * the controls, and a panel with the roster and, for hosts, the lobby.
 */
export function CallView({ calls, people, title, grant, engine }: { calls: CallController; people: PeopleStore; title: string; grant: JoinGrant; engine: CallEngine }) {
  useStore(calls);
  useStore(engine);
  useStore(people);
  useStore(calls.speaking);
  const dialog = useRef<HTMLDialogElement>(null);
  const [panel, setPanel] = useState<'people' | 'devices' | null>(null);
  const ids = useId();
  const { store, controls } = calls;
  const open = calls.viewOpen;

  useLayoutEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);

  const roster = store.participants(grant.callId);
  // A visit's guest is not in the directory: the ward view told the store their name (and role).
  const nameOf = (id: string) => store.knownName(id) ?? people.person(id)?.displayName ?? 'Someone';
  useEffect(() => void people.want(roster.map((p) => p.userId)), [people, roster]);
  const remotes = engine.remotes();
  const tiles: Tile[] = [{ peerId: grant.peerId, userId: calls.meId, name: 'You', stream: engine.localStream, me: true, state: { ...controls, peerId: grant.peerId, userId: calls.meId, joinedAt: '' } }];
  for (const p of roster) {
    if (p.peerId === grant.peerId) continue;
    const r = remotes.find((x) => x.peerId === p.peerId) ?? remotes.find((x) => x.userId === p.userId && !roster.some((q) => q.peerId === x.peerId));
    tiles.push({ peerId: p.peerId, userId: p.userId, name: nameOf(p.userId), stream: r?.stream ?? null, me: false, state: p });
  }
  const isHost = store.isHost(grant.callId, calls.meId);
  const waiting = store.lobby(grant.callId);
  const count = new Set(roster.map((p) => p.userId).concat(calls.meId)).size;

  return (
    <dialog ref={dialog} className="call-view" aria-labelledby={`${ids}-title`} onCancel={(e) => (e.preventDefault(), calls.showView(false))}>
      <header className="call-head">
        <h2 id={`${ids}-title`}>
          {title} <span className="muted call-count">· {count === 1 ? '1 person' : `${count} people`}</span>
        </h2>
        {grant.call.meetingId && <p className="call-note">This meeting is not recorded</p>}
        <div className="call-head-actions">
          <button type="button" className="secondary" aria-pressed={panel === 'people'} onClick={() => setPanel(panel === 'people' ? null : 'people')}>
            People ({count}){isHost && waiting.length ? ` · ${waiting.length} waiting` : ''}
          </button>
          <button type="button" className="secondary" onClick={() => calls.showView(false)}>
            Hide call
          </button>
        </div>
      </header>
      <div className="call-body">
        <ul className={`call-grid tiles-${Math.min(tiles.length, 9)}`} aria-label="Participants' video">
          {tiles.map((t) => (
            <TileView key={t.peerId} t={t} speaking={calls.speaking.speaking(t.peerId)} />
          ))}
        </ul>
        {panel === 'people' && (
          <aside className="call-panel" aria-label="People in the call">
            {isHost && waiting.length > 0 && (
              <section aria-labelledby={`${ids}-lobby`}>
                <h3 id={`${ids}-lobby`}>Waiting in the lobby</h3>
                <ul className="call-roster">
                  {waiting.map((w) => (
                    <li key={w.userId}>
                      <span className="call-roster-name">{isolate(nameOf(w.userId))}</span>
                      <button type="button" className="primary small-button" onClick={() => void calls.admit(grant.callId, w.userId).catch(() => {})}>
                        Admit<span className="visually-hidden"> {nameOf(w.userId)}</span>
                      </button>
                      <button type="button" className="secondary danger small-button" onClick={() => void calls.deny(grant.callId, w.userId).catch(() => {})}>
                        Deny<span className="visually-hidden"> {nameOf(w.userId)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <h3>In the call</h3>
            <ul className="call-roster">
              {tiles.map((t) => (
                <li key={t.peerId} className={calls.speaking.speaking(t.peerId) ? 'speaking' : undefined}>
                  <span className="call-roster-name">
                    {isolate(t.me ? `${nameOf(calls.meId)} (you)` : t.name)}
                    {calls.speaking.speaking(t.peerId) && <span className="call-speaking-label"> · speaking</span>}
                  </span>
                  <StateIcons state={t.state} />
                  {isHost && !t.me && (
                    <button type="button" className="secondary danger small-button" onClick={() => void calls.remove(grant.callId, t.userId).catch(() => {})}>
                      Remove<span className="visually-hidden"> {t.name}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </aside>
        )}
        {panel === 'devices' && <DevicePanel calls={calls} engine={engine} />}
      </div>
      <div className="call-controls" role="toolbar" aria-label="Call controls">
        <button type="button" className="call-control" aria-pressed={controls.muted} onClick={() => calls.setMuted(!controls.muted)}>
          Mute
        </button>
        <button type="button" className="call-control" aria-pressed={!controls.camera} onClick={() => void calls.setCamera(!controls.camera).catch(() => {})}>
          Camera off
        </button>
        {typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getDisplayMedia && (
          <button type="button" className="call-control" aria-pressed={controls.screen} onClick={() => void calls.setScreen(!controls.screen).catch(() => {})}>
            Share screen
          </button>
        )}
        <button type="button" className="call-control" aria-pressed={controls.hand} onClick={() => calls.setHand(!controls.hand)}>
          Raise hand
        </button>
        <button type="button" className="call-control" aria-pressed={panel === 'devices'} onClick={() => setPanel(panel === 'devices' ? null : 'devices')}>
          Devices
        </button>
        <button type="button" className="call-control call-leave" onClick={() => void calls.leave()}>
          Leave
        </button>
      </div>
    </dialog>
  );
}

function TileView({ t, speaking }: { t: Tile; speaking: boolean }) {
  const video = !!t.stream && (t.me ? t.stream.getVideoTracks().some((v) => v.enabled) : t.state?.camera !== false || !!t.state?.screen) && t.stream.getVideoTracks().length > 0;
  return (
    <li className={`call-tile${speaking ? ' speaking' : ''}${t.me ? ' self' : ''}`} data-peer={t.peerId} data-user={t.userId}>
      {/* Always mounted for remote peers: the same element plays their audio with the camera off. */}
      {t.stream && <StreamVideo stream={t.stream} muted={t.me} className={video ? 'tile-video' : 'tile-video hidden-video'} label={video ? `${t.name}'s video` : undefined} />}
      {!video && (
        <span className="avatar tile-avatar" aria-hidden="true">
          {initials(t.me ? 'You' : t.name)}
        </span>
      )}
      {!t.stream && !t.me && <span className="tile-status">Connecting…</span>}
      <span className="tile-name">
        {isolate(t.name)}
        <StateIcons state={t.state} />
        {speaking && <span className="visually-hidden">, speaking</span>}
      </span>
    </li>
  );
}

function StateIcons({ state }: { state?: CallPeer }) {
  if (!state) return null;
  return (
    <>
      {state.muted && (
        <span className="call-state muted-icon" role="img" aria-label="muted" title="Muted">
          <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M19 11a7 7 0 0 1-1.2 3.9l-1.5-1.5c.4-.7.7-1.5.7-2.4zM15 11.2 9 5.2V5a3 3 0 0 1 6 0zM4.3 3 3 4.3l6 6V11a3 3 0 0 0 4.3 2.7l1.6 1.6A5 5 0 0 1 7 11H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 3.3-1.3l3.4 3.4 1.3-1.3z" />
          </svg>
        </span>
      )}
      {state.hand && (
        <span className="call-state hand-icon" role="img" aria-label="hand raised" title="Hand raised">
          ✋
        </span>
      )}
      {state.screen && <span className="call-state tag">Sharing screen</span>}
    </>
  );
}

function DevicePanel({ calls, engine }: { calls: CallController; engine: CallEngine }) {
  const [devices, setDevices] = useState<Devices>({ microphones: [], cameras: [] });
  const ids = useId();
  useEffect(() => void listDevices().then(setDevices, () => {}), []);
  const mic = engine.localStream.getAudioTracks()[0]?.getSettings().deviceId ?? '';
  const cam = engine.localStream.getVideoTracks()[0]?.getSettings().deviceId ?? '';
  return (
    <aside className="call-panel" aria-label="Devices">
      <h3>Devices</h3>
      <label htmlFor={`${ids}-mic`}>Microphone</label>
      <select id={`${ids}-mic`} value={mic} onChange={(e) => void calls.useMicrophone(e.target.value).catch(() => {})}>
        {devices.microphones.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `Microphone ${i + 1}`}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-cam`}>Camera</label>
      <select id={`${ids}-cam`} value={cam} onChange={(e) => void calls.useCamera(e.target.value).catch(() => {})}>
        {devices.cameras.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `Camera ${i + 1}`}
          </option>
        ))}
      </select>
    </aside>
  );
}
