import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ConversationSummary, Profile } from '../../types';
import type { ChatController } from '../controller';
import { MemberList } from './MemberList';
import { errorText, Modal } from './Modal';
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
  controller,
  conversation: c,
  title,
  onClose,
}: {
  controller: ChatController;
  conversation: ConversationSummary;
  title: string;
  onClose: () => void;
}) {
  useSyncExternalStore(controller.store.subscribe, controller.store.version);
  useSyncExternalStore(controller.teams.subscribe, controller.teams.version);
  const { error, setError, notice, busyId, run } = useMemberActions();
  const isChannel = c.kind === 'channel';
  const isPrivate = isChannel && c.visibility === 'private';
  const owner = controller.teams.isOwner(c.teamId);

  useEffect(() => {
    controller.loadConversationMembers(c.id).catch((e) => setError(errorText(e, 'Could not load the members.')));
    if (isChannel && c.teamId) controller.loadTeamMembers(c.teamId).catch(() => {});
  }, [c.id, c.teamId, isChannel, controller]);

  const ids = isChannel ? controller.teams.conversationMembers(c.id) : c.memberIds;
  const teamMembers = c.teamId ? controller.teams.members(c.teamId) : undefined;
  const roleOf = (id: string) => teamMembers?.find((m) => m.userId === id)?.role;
  const rows = ids?.map((userId) => ({ userId, role: roleOf(userId) }));
  const canAdd = mayAddPeople(c);
  const canRemove = mayRemoveOthers(c, controller.me.id, owner);
  const teamPeople = (teamMembers ?? []).map((m) => controller.store.person(m.userId)).filter((p): p is Profile => !!p);

  const nameOf = (id: string) => isolate(controller.store.person(id)?.displayName ?? 'them');

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
              controller={controller}
              rows={rows}
              label={`Members of ${title}`}
              busyId={busyId}
              onRemove={
                canRemove
                  ? (id) => void run(id, () => controller.removeMember(c.id, id), `${nameOf(id)} was removed.`, 'Could not remove them.')
                  : undefined
              }
            />
          )}
          {canAdd && (
            <PeopleSearch
              controller={controller}
              id="conversation-add-people"
              label={isPrivate ? 'Add people from the team' : 'Add people'}
              exclude={ids ?? []}
              among={isPrivate ? teamPeople : undefined}
              busyId={busyId}
              onPick={(p) => void run(p.id, () => controller.addMember(c.id, p), `${isolate(p.displayName)} was added.`, 'Could not add them.')}
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
  controller,
  conversation: c,
  onClose,
}: {
  controller: ChatController;
  conversation: ConversationSummary;
  onClose: () => void;
}) {
  const [name, setName] = useState(c.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = c.kind === 'channel' ? 'Channel name' : 'Group name';
  return (
    <Modal title={c.kind === 'channel' ? 'Rename channel' : 'Rename group chat'} onClose={onClose}>
      {() => (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) {
              setError('Enter a name.');
              return;
            }
            setBusy(true);
            controller.rename(c.id, name.trim()).then(onClose, (err) => {
              setError(errorText(err, 'Could not rename. Try again.'));
              setBusy(false);
            });
          }}
        >
          <label htmlFor="rename-name">{label}</label>
          <input id="rename-name" className="text-input" value={name} maxLength={120} autoFocus onChange={(e) => setName(e.target.value)} />
          <p className="muted small">Everyone in the conversation sees the new name.</p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-foot gap">
            <button type="button" className="secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy}>
              Save name
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

export function LeaveDialog({
  controller,
  conversation: c,
  title,
  onClose,
}: {
  controller: ChatController;
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
                controller.leave(c.id).then(onClose, (err) => {
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
