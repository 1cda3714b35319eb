// A participant of a Janus VideoRoom speaking Janus's raw JSON API over Confer's relay
// (docs/calls-and-meetings.md, "Janus"): publish the fake camera and microphone, subscribe to
// every other publisher. Evaluated by MediaFlowBrowserTest (and JanusCostMeasurement) in a page at Confer's origin; the
// socket is authenticated by the page's session cookie. window.confer.decoded() reports what
// this participant receives; window.confer.streams() the frames decoded per remote video.
async ({path, room, token, roomToken, display, iceServers}) => {
  const roomId = Number(room);
  const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + path);
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error('relay socket failed')); });
  const pending = new Map();
  const subscribed = new Set();
  const subscribers = [];
  let session;
  let privateId;
  const tx = () => Math.random().toString(36).slice(2);
  const send = (msg) => new Promise((resolve) => {
    msg.transaction = tx();
    msg.token = token;
    pending.set(msg.transaction, resolve);
    ws.send(JSON.stringify(msg));
  });
  const trickle = (handle) => (e) => ws.send(JSON.stringify({janus: 'trickle', session_id: session, handle_id: handle,
      candidate: e.candidate || {completed: true}, transaction: tx(), token}));
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.janus === 'ack') return;
    if (m.transaction && pending.has(m.transaction)) {
      pending.get(m.transaction)(m);
      pending.delete(m.transaction);
      return;
    }
    const data = m.plugindata && m.plugindata.data;
    if (data && data.publishers) data.publishers.forEach((p) => subscribe(p.id));
  };
  async function subscribe(feed) {
    if (subscribed.has(feed)) return;
    subscribed.add(feed);
    const handle = (await send({janus: 'attach', session_id: session, plugin: 'janus.plugin.videoroom'})).data.id;
    const pc = new RTCPeerConnection({iceServers});
    subscribers.push(pc);
    pc.onicecandidate = trickle(handle);
    const joined = await send({janus: 'message', session_id: session, handle_id: handle,
      body: {request: 'join', ptype: 'subscriber', room: roomId, token: roomToken, streams: [{feed}], private_id: privateId}});
    await pc.setRemoteDescription(joined.jsep);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    await send({janus: 'message', session_id: session, handle_id: handle, body: {request: 'start', room: roomId}, jsep: answer});
  }
  const created = await send({janus: 'create'});
  if (created.janus !== 'success') throw new Error('create: ' + JSON.stringify(created));
  session = created.data.id;
  setInterval(() => ws.send(JSON.stringify({janus: 'keepalive', session_id: session, transaction: tx(), token})), 20000);
  const publisher = (await send({janus: 'attach', session_id: session, plugin: 'janus.plugin.videoroom'})).data.id;
  const joined = await send({janus: 'message', session_id: session, handle_id: publisher,
    body: {request: 'join', ptype: 'publisher', room: roomId, token: roomToken, display}});
  const data = joined.plugindata && joined.plugindata.data;
  if (!data || data.videoroom !== 'joined') throw new Error('join: ' + JSON.stringify(joined));
  privateId = data.private_id;
  const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 320, height: 240, frameRate: 15}});
  const pc = new RTCPeerConnection({iceServers});
  stream.getTracks().forEach((t) => pc.addTrack(t, stream));
  pc.onicecandidate = trickle(publisher);
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const configured = await send({janus: 'message', session_id: session, handle_id: publisher,
    body: {request: 'configure', audio: true, video: true}, jsep: offer});
  if (!configured.jsep) throw new Error('configure: ' + JSON.stringify(configured));
  await pc.setRemoteDescription(configured.jsep);
  (data.publishers || []).forEach((p) => subscribe(p.id));
  window.confer = {
    decoded: async () => {
      let frames = 0;
      let packets = 0;
      for (const s of subscribers) {
        (await s.getStats()).forEach((r) => {
          if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0;
          if (r.type === 'inbound-rtp' && r.kind === 'audio') packets += r.packetsReceived || 0;
        });
      }
      return {feeds: subscribers.length, frames, packets};
    },
    // Frames decoded so far per remote video, one number per subscription (JanusCostMeasurement).
    streams: async () => {
      const out = [];
      for (const s of subscribers) {
        let frames = 0;
        (await s.getStats()).forEach((r) => {
          if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0;
        });
        out.push(frames);
      }
      return out;
    },
  };
  return 'joined';
}
