// Two RTCPeerConnections in one page that may only use TURN relay candidates (iceTransportPolicy
// "relay") with the credential Confer minted. Resolves with the selected pair's local candidate
// type and the video frames decoded, or {connected:false} when ICE does not connect in time.
async ({iceServers, waitMs}) => {
  const config = {iceServers, iceTransportPolicy: 'relay'};
  const a = new RTCPeerConnection(config);
  const b = new RTCPeerConnection(config);
  a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
  const stream = await navigator.mediaDevices.getUserMedia({audio: false, video: {width: 320, height: 240, frameRate: 15}});
  stream.getTracks().forEach((t) => a.addTrack(t, stream));
  const offer = await a.createOffer();
  await a.setLocalDescription(offer);
  await b.setRemoteDescription(offer);
  const answer = await b.createAnswer();
  await b.setLocalDescription(answer);
  await a.setRemoteDescription(answer);
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    let frames = 0;
    (await b.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'video') frames = r.framesDecoded || 0; });
    if (frames > 0) {
      const stats = await a.getStats();
      let local = null;
      stats.forEach((r) => {
        if (r.type === 'transport' && r.selectedCandidatePairId) {
          const pair = stats.get(r.selectedCandidatePairId);
          local = stats.get(pair.localCandidateId).candidateType;
        }
      });
      a.close(); b.close();
      return {connected: true, local, frames};
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const state = a.iceConnectionState;
  a.close(); b.close();
  return {connected: false, state};
}
