import { useState } from 'react';
import type { PresenceStore } from '../../store/presence';
import type { Profile } from '../../types';
import { PeopleSearch } from '../teams/PeopleSearch';
import { chatRequest, startLabel, toggle } from '../teams/peopleSelection';
import { DialogForm, useDialogSubmit } from '../ui/DialogForm';
import type { ChatActions } from './chatActions';

/**
 * Start a chat: choose one person for a direct chat (the existing one opens if there is one), or
 * several for a group chat with an optional name. People come from the directory of every
 * organisation.
 */
export function NewChatDialog({
  meId,
  presence,
  actions,
  onClose,
  onStarted,
}: {
  meId: string;
  presence: PresenceStore;
  actions: ChatActions;
  onClose: () => void;
  onStarted: (id: string) => void;
}) {
  const [chosen, setChosen] = useState<Profile[]>([]);
  const [topic, setTopic] = useState('');
  const { error, setError, busy, submit } = useDialogSubmit();
  const request = chatRequest(meId, chosen, topic);

  const start = () => {
    if (!request) {
      setError('Choose at least one person.');
      return;
    }
    void submit(() => actions.startChat(chosen, topic), 'Could not start the chat. Try again.', onStarted);
  };

  return (
    <DialogForm
      title="New chat"
      wide
      onClose={onClose}
      onSubmit={start}
      error={error}
      busy={busy}
      submitLabel={startLabel(chosen.length)}
      submitDisabled={busy || !request}
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
        meId={meId}
        presence={presence}
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
    </DialogForm>
  );
}
