import { useState } from 'react';
import type { Profile } from '../types';
import type { ChatController } from './controller';
import { errorText, Modal } from './teams/Modal';
import { PeopleSearch } from './teams/PeopleSearch';
import { chatRequest, startLabel, toggle } from './teams/peopleSelection';

/**
 * Start a chat: choose one person for a direct chat (the existing one opens if there is one), or
 * several for a group chat with an optional name. People come from the directory of every
 * organisation.
 */
export function NewChatDialog({
  controller,
  onClose,
  onStarted,
}: {
  controller: ChatController;
  onClose: () => void;
  onStarted: (id: string) => void;
}) {
  const [chosen, setChosen] = useState<Profile[]>([]);
  const [topic, setTopic] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const request = chatRequest(controller.me.id, chosen, topic);

  const start = async () => {
    if (!request) {
      setError('Choose at least one person.');
      return;
    }
    setBusy(true);
    try {
      onStarted(await controller.startChat(chosen, topic));
    } catch (e) {
      setError(errorText(e, 'Could not start the chat. Try again.'));
      setBusy(false);
    }
  };

  return (
    <Modal title="New chat" onClose={onClose} wide>
      {() => (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <div className="chosen" aria-live="polite">
            {chosen.length === 0 ? (
              <p className="muted small">Choose one person for a direct chat, or more for a group chat.</p>
            ) : (
              <>
                <p className="chosen-label">To:</p>
                <ul className="chips" aria-label="Chosen people">
                  {chosen.map((p) => (
                    <li key={p.id} className="chip">
                      <bdi>{p.displayName}</bdi>
                      <button type="button" className="chip-remove" onClick={() => setChosen((s) => toggle(s, p))}>
                        <span aria-hidden="true">×</span>
                        <span className="visually-hidden">Remove {p.displayName}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <PeopleSearch
            controller={controller}
            id="people-search"
            label="Search people by name, job title or department"
            exclude={[]}
            autoFocus
            selectedIds={chosen.map((p) => p.id)}
            onPick={(p) => {
              setError(null);
              setChosen((s) => toggle(s, p));
            }}
          />
          {request?.kind === 'group' && (
            <>
              <label htmlFor="group-topic">Group name (optional)</label>
              <input id="group-topic" className="text-input" value={topic} maxLength={120} onChange={(e) => setTopic(e.target.value)} />
            </>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-foot gap">
            <button type="button" className="secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy || !request}>
              {startLabel(chosen.length)}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
