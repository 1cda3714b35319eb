import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { CallMedia } from '../../protocol/events';
import type { CallController } from './callController';
import { getLocalMedia, listDevices, stopStream, type Devices } from './media';
import { StreamVideo } from './StreamVideo';

/**
 * Before joining: a preview of my camera, the microphone and camera to use, and whether to join
 * muted or with the camera off. Accepting a ring comes here too, with "Join now" focused so
 * answering stays one more click. The previewed stream is handed to the call (not asked twice).
 */
export function PreJoin({ calls, title, media, answering }: { calls: CallController; title: string; media: CallMedia; answering: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const joinButton = useRef<HTMLButtonElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [devices, setDevices] = useState<Devices>({ microphones: [], cameras: [] });
  const [audioId, setAudioId] = useState<string | undefined>();
  const [videoId, setVideoId] = useState<string | undefined>();
  const [muted, setMuted] = useState(false);
  const [camera, setCamera] = useState(media === 'video');
  const [error, setError] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);
  const handed = useRef(false);
  const current = useRef<MediaStream | null>(null);
  const ids = useId();

  useLayoutEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  // Join now takes focus once it can be pressed (it is disabled until the preview has started).
  const focused = useRef(false);
  useEffect(() => {
    if (stream && !focused.current) {
      focused.current = true;
      joinButton.current?.focus();
    }
  }, [stream]);

  useEffect(() => {
    let live = true;
    getLocalMedia(media, { audioId, videoId })
      .then(async (s) => {
        if (!live) return stopStream(s);
        stopStream(current.current);
        current.current = s;
        setStream(s);
        setError(null);
        setDevices(await listDevices());
      })
      .catch(() => live && setError('Confer could not use your microphone. Allow it in the browser, or check that one is connected.'));
    return () => {
      live = false;
    };
  }, [media, audioId, videoId]);

  // Leaving the screen without joining: the camera and microphone are released.
  useEffect(() => () => void (handed.current || stopStream(current.current)), []);

  useEffect(() => {
    for (const t of stream?.getAudioTracks() ?? []) t.enabled = !muted;
    for (const t of stream?.getVideoTracks() ?? []) t.enabled = camera;
  }, [stream, muted, camera]);

  const hasVideo = (stream?.getVideoTracks().length ?? 0) > 0;
  const join = () => {
    if (!stream) return;
    handed.current = true;
    setJoining(true);
    void calls.join({ stream, muted, camera: camera && hasVideo, media, audioId, videoId });
  };
  const kind = media === 'video' ? 'video call' : 'audio call';
  return (
    <dialog ref={dialog} className="dialog prejoin" aria-labelledby={`${ids}-title`} onCancel={(e) => (e.preventDefault(), calls.cancel())}>
      <h2 id={`${ids}-title`}>{answering ? `Join the ${kind}` : `Ready to join?`}</h2>
      <p className="muted prejoin-where">{title}</p>
      <div className="prejoin-preview">
        {hasVideo && camera ? <StreamVideo stream={stream} muted className="self-view" label="Your camera preview" /> : <p className="prejoin-nocam">{hasVideo ? 'Camera off' : media === 'video' ? 'No camera' : 'Audio only'}</p>}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="prejoin-toggles">
        <button type="button" className="secondary" aria-pressed={muted} onClick={() => setMuted((m) => !m)}>
          Mute
        </button>
        {hasVideo && (
          <button type="button" className="secondary" aria-pressed={!camera} onClick={() => setCamera((c) => !c)}>
            Camera off
          </button>
        )}
      </div>
      <div className="prejoin-devices">
        <label htmlFor={`${ids}-mic`}>Microphone</label>
        <select id={`${ids}-mic`} value={audioId ?? stream?.getAudioTracks()[0]?.getSettings().deviceId ?? ''} onChange={(e) => setAudioId(e.target.value)}>
          {devices.microphones.map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {d.label || `Microphone ${i + 1}`}
            </option>
          ))}
        </select>
        {media === 'video' && (
          <>
            <label htmlFor={`${ids}-cam`}>Camera</label>
            <select id={`${ids}-cam`} value={videoId ?? stream?.getVideoTracks()[0]?.getSettings().deviceId ?? ''} onChange={(e) => setVideoId(e.target.value)}>
              {devices.cameras.map((d, i) => (
                <option key={d.deviceId || i} value={d.deviceId}>
                  {d.label || `Camera ${i + 1}`}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={() => calls.cancel()}>
          Cancel
        </button>
        <button ref={joinButton} type="button" className="primary prejoin-join" onClick={join} disabled={!stream || joining}>
          {joining ? 'Joining…' : 'Join now'}
        </button>
      </div>
    </dialog>
  );
}
