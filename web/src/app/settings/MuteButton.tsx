import { useState } from 'react';
import type { PreferencesStore } from '../../store/preferences';
import { useStore } from '../useStore';

function BellIcon({ slashed }: { slashed: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15zM10 20.5a2 2 0 0 0 4 0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      {slashed && <path d="M4 4l16 16" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />}
    </svg>
  );
}

/**
 * Mutes or unmutes one conversation (saved in the person's settings, so on every device): its
 * messages then neither notify nor sound. Urgent messages still alert, and unread counts still
 * show. While muted, a "Muted" mark stands beside the button, so the state is seen, not guessed.
 */
export function MuteButton({ preferences, conversationId, title }: { preferences: PreferencesStore; conversationId: string; title: string }) {
  useStore(preferences);
  const muted = preferences.isMuted(conversationId);
  const [failed, setFailed] = useState(false);
  return (
    <span className="mute-control">
      {muted && (
        <span className="tag muted-tag" title="Its messages do not notify or sound; urgent messages still alert">
          <BellIcon slashed />
          Muted
        </span>
      )}
      <button
        type="button"
        className="secondary mute-toggle"
        title={muted ? `Unmute ${title}` : `Mute ${title}: its messages will not notify or sound (urgent messages still alert)`}
        onClick={() => {
          setFailed(false);
          preferences.setMuted(conversationId, !muted).catch(() => setFailed(true));
        }}
      >
        <BellIcon slashed={!muted} />
        {muted ? 'Unmute' : 'Mute'}
      </button>
      {failed && (
        <span className="form-error" role="alert">
          Not saved
        </span>
      )}
    </span>
  );
}
