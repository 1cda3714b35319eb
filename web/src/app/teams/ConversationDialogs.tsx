import { useEffect, useState } from 'react';
import type { ConversationSummary, Profile } from '../../types';
import type { ChatActions } from '../chat/chatActions';
import type { ChatController } from '../controller';
import { DialogForm, useDialogSubmit } from '../ui/DialogForm';
import { errorText, Modal } from '../ui/Modal';
import { useStore } from '../useStore';
import { MemberList } from './MemberList';
import type { MembersStore } from './membersStore';
import { PeopleSearch } from './PeopleSearch';
import { mayAddPeople, mayRemoveOthers } from './memberRules';
import { useMemberActions } from './useMemberActions';
import { isolate } from '../../text/isolate';

/**
 * Who is in a group chat or channel, with presence. Group chats: any member adds people from the
 * directory; only the person who started it removes others. Private channels: any member adds
 * team members; team owners remove. Standard channels follow the team, so they only list.
 */
export function ConversationMembersDialog({
  chat,
  conversation: c,
  title,
  onClose,
}: {
  chat: ChatController;
  conversation: ConversationSummary;
  title: string;
  onClose: () => void;
}) {
  const { conversations, people, presence, teams, members } = chat;
  useStore(conversations);
  useStore(people);
  useStore(teams);
  useStore(members);
  const { error, setError, notice, busyId, run } = useMemberActions();
  const isChannel = c.kind === 'channel';
  const isPrivate = isChannel && c.visibility === 'private';
  const owner = teams.isOwner(c.teamId);

  useEffect(() => {
    members.load(c.id).catch((e) => setError(errorText(e, 'Could not load the members.')));
    if (isChannel && c.teamId) teams.loadMembers(c.teamId).catch(() => {});
  }, [c.id, c.teamId, isChannel, members, teams]);

  const ids = isChannel ? members.conversationMembers(c.id) : c.memberIds;
  const teamMembers = c.teamId ? teams.members(c.teamId) : undefined;
  const roleOf = (id: string) => teamMembers?.find((m) => m.userId === id)?.role;
  const rows = ids?.map((userId) => ({ userId, role: roleOf(userId) }));
  const canAdd = mayAddPeople(c);
  const canRemove = mayRemoveOthers(c, chat.me.id, owner);
  const teamPeople = (teamMembers ?? []).map((m) => people.person(m.userId)).filter((p): p is Profile => !!p);

  const nameOf = (id: string) => isolate(people.person(id)?.displayName ?? 'them');

  return (
    <Modal title={`Members of ${title}`} onClose={onClose} wide>
      {() => (
        <div>
          {isChannel && !isPrivate && (
            <p className="muted small">Everyone in the team is in this channel. Team owners add and remove people in Manage team.</p>
          )}
          {!rows && <p className="muted small">Loading members…</p>}
          {rows && (
            <MemberList
              people={people}
              presence={presence}
              rows={rows}
              label={`Members of ${title}`}
              place={title}
              busyId={busyId}
              onRemove={
                canRemove
                  ? (id) => void run(id, () => members.remove(c.id, id), `${nameOf(id)} was removed.`, 'Could not remove them.')
                  : undefined
              }
            />
          )}
          {canAdd && (
            <PeopleSearch
              meId={chat.me.id}
              presence={presence}
              id="conversation-add-people"
              label={isPrivate ? 'Add people from the team' : 'Add people'}
              exclude={ids ?? []}
              among={isPrivate ? teamPeople : undefined}
              busyId={busyId}
              onPick={(p) => void run(p.id, () => members.add(c.id, p), `${isolate(p.displayName)} was added.`, 'Could not add them.')}
            />
          )}
          {canAdd && <p className="muted small">People you add can read this conversation’s earlier messages.</p>}
          <p className="muted small" role="status">
            {notice}
          </p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-foot">
            <button type="button" className="secondary" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}

export function RenameDialog({
  actions,
  conversation: c,
  onClose,
}: {
  actions: ChatActions;
  conversation: ConversationSummary;
  onClose: () => void;
}) {
  const [name, setName] = useState(c.name ?? '');
  const { error, setError, busy, submit } = useDialogSubmit();
  const label = c.kind === 'channel' ? 'Channel name' : 'Group name';
  return (
    <DialogForm
      title={c.kind === 'channel' ? 'Rename channel' : 'Rename group chat'}
      onClose={onClose}
      onSubmit={() => {
        if (!name.trim()) {
          setError('Enter a name.');
          return;
        }
        void submit(() => actions.rename(c.id, name.trim()), 'Could not rename. Try again.', onClose);
      }}
      error={error}
      busy={busy}
      submitLabel="Save name"
    >
      <label htmlFor="rename-name">{label}</label>
      <input id="rename-name" className="text-input" value={name} maxLength={120} autoFocus onChange={(e) => setName(e.target.value)} />
      <p className="muted small">Everyone in the conversation sees the new name.</p>
    </DialogForm>
  );
}

export function LeaveDialog({
  members,
  conversation: c,
  title,
  onClose,
}: {
  members: MembersStore;
  conversation: ConversationSummary;
  title: string;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal title={`Leave ${title}?`} onClose={onClose}>
      {() => (
        <div>
          <p>You will no longer see its messages or get notified. Someone in it can add you back.</p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-foot gap">
            <button type="button" className="secondary" autoFocus onClick={onClose}>
              Stay
            </button>
            <button
              type="button"
              className="primary danger"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                members.leave(c.id).then(onClose, (err) => {
                  setError(errorText(err, 'Could not leave. Try again.'));
                  setBusy(false);
                });
              }}
            >
              Leave
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
