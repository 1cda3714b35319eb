/*
 * The media engine for a guest's join grant: the staff client's engines (web/src/app/calls),
 * picked by the grant's topology as the staff call controller does. Janus for an SFU call, over
 * the guest relay the grant names (`/api/v1/guest/media/janus`, which the `confer_guest` cookie
 * reaches); a mesh of peer connections otherwise, signalled with `call.signal` frames on the
 * guest stream.
 */
import type { JoinGrant } from '../app/calls/callApi';
import type { CallEngine } from '../app/calls/engine';
import { JanusEngine } from '../app/calls/janus';
import { MeshEngine } from '../app/calls/mesh';

export interface EngineContext {
  /** The guest's user id (the Janus publisher display is "userId|peerId"). */
  userId: string;
  /** Send a frame on the guest stream; false when it is down. */
  send: (frame: Record<string, unknown>) => boolean;
  /** The SFU connection failed for good. */
  onFailure: (reason: string) => void;
}

export type EngineFactory = (grant: JoinGrant, local: MediaStream, ctx: EngineContext) => CallEngine;

export function janusUrl(path: string, loc: { protocol: string; host: string } = location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}${path}`;
}

export const createGuestEngine: EngineFactory = (grant, local, ctx) => {
  const common = { iceServers: grant.iceServers ?? [], iceTransportPolicy: grant.iceTransportPolicy ?? 'all' };
  if (grant.topology === 'sfu' && grant.janus) {
    return new JanusEngine(local, {
      ...common,
      url: janusUrl(grant.janus.path),
      room: grant.janus.room,
      token: grant.janus.token,
      roomToken: grant.janus.roomToken,
      userId: ctx.userId,
      peerId: grant.peerId,
      onFailure: ctx.onFailure,
    });
  }
  return new MeshEngine(local, {
    ...common,
    myPeerId: grant.peerId,
    send: (toPeer, signal) => ctx.send({ type: 'call.signal', callId: grant.callId, fromPeer: grant.peerId, toPeer, signal }),
  });
};
