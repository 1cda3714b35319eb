import { useEffect, useState } from 'react';
import { isolate } from '../../text/isolate';
import type { Profile, Team } from '../../types';
import type { ChatController } from '../controller';
import { DialogForm, useDialogSubmit } from '../ui/DialogForm';
import { errorText, Modal } from '../ui/Modal';
import { useStore } from '../useStore';
import { MemberList } from './MemberList';
import { ServicesDialog } from '../integrations/ServicesDialog';
import { PeopleSearch } from './PeopleSearch';
import { toggle } from './peopleSelection';
import type { TeamsStore } from './teamsStore';
import { useMemberActions } from './useMemberActions';

const NAME_MAX = 120;

export function CreateTeamDialog({
  teams,
  onClose,
  onCreated,
}: {
  teams: TeamsStore;
  onClose: () => void;
  onCreated: (generalId: string) => void;
}) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const { error, setError, busy, submit } = useDialogSubmit();
  const create = () => {
    if (!name.trim()) {
      setError('Give the team a name.');
      return;
    }
    void submit(() => teams.create(name.trim(), description), 'Could not create the team. Try again.', onCreated);
  };
  return (
    <DialogForm title="Create a team" onClose={onClose} onSubmit={create} error={error} busy={busy} submitLabel="Create team">
      <label htmlFor="team-name">Team name</label>
      <input
        id="team-name"
        className="text-input"
        value={name}
        maxLength={NAME_MAX}
        autoFocus
        aria-invalid={error && !name.trim() ? true : undefined}
        onChange={(e) => setName(e.target.value)}
      />
      <label htmlFor="team-description">Description (optional)</label>
      <textarea id="team-description" rows={3} maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
      <p className="muted small">You will be its owner. It starts with a General channel; add people from any organisation.</p>
    </DialogForm>
  );
}

export function CreateChannelDialog({
  chat,
  team,
  onClose,
  onCreated,
}: {
  chat: ChatController;
  team: Team;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { people, presence, teams } = chat;
  useStore(people);
  useStore(teams);
  const [name, setName] = useState('');
  const [visibility, setVisibility] = useState<'standard' | 'private'>('standard');
  const [chosen, setChosen] = useState<Profile[]>([]);
  const { error, setError, busy, submit } = useDialogSubmit();

  useEffect(() => {
    if (visibility === 'private') teams.loadMembers(team.id).catch(() => setError('Could not load the team members.'));
  }, [visibility, team.id, teams]);

  const teamPeople = (teams.members(team.id) ?? []).map((m) => people.person(m.userId)).filter((p): p is Profile => !!p);

  const create = () => {
    if (!name.trim()) {
      setError('Give the channel a name.');
      return;
    }
    const memberIds = visibility === 'private' ? chosen.map((p) => p.id) : [];
    void submit(() => teams.createChannel(team.id, name.trim(), visibility, memberIds), 'Could not create the channel. Try again.', onCreated);
  };
  return (
    <DialogForm
      title={`New channel in ${team.name}`}
      wide
      onClose={onClose}
      onSubmit={create}
      error={error}
      busy={busy}
      submitLabel="Create channel"
    >
      <label htmlFor="channel-name">Channel name</label>
      <input id="channel-name" className="text-input" value={name} maxLength={NAME_MAX} autoFocus onChange={(e) => setName(e.target.value)} />
      <fieldset className="choice">
        <legend>Who can see it</legend>
        <label className="radio">
          <input type="radio" name="visibility" checked={visibility === 'standard'} onChange={() => setVisibility('standard')} />
          Standard: everyone in the team
        </label>
        <label className="radio">
          <input type="radio" name="visibility" checked={visibility === 'private'} onChange={() => setVisibility('private')} />
          Private: only the people you choose
        </label>
      </fieldset>
      {visibility === 'private' && (
        <>
          {chosen.length > 0 && (
            <p className="muted small" aria-live="polite">
              With you: {chosen.map((p) => isolate(p.displayName)).join(', ')}
            </p>
          )}
          <PeopleSearch
            meId={chat.me.id}
            presence={presence}
            id="channel-people"
            label="Choose team members"
            exclude={[]}
            among={teamPeople}
            selectedIds={chosen.map((p) => p.id)}
            onPick={(p) => setChosen((s) => toggle(s, p))}
          />
        </>
      )}
    </DialogForm>
  );
}

/** Members with roles and presence; owners add people from any organisation and remove them; anyone may leave. */
export function ManageTeamDialog({ chat, team, onClose }: { chat: ChatController; team: Team; onClose: () => void }) {
  const { people, presence, teams } = chat;
  useStore(people);
  useStore(teams);
  const { error, setError, notice, busyId, run } = useMemberActions();
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [services, setServices] = useState(false);
  const owner = team.myRole === 'owner';

  useEffect(() => {
    teams.loadMembers(team.id).catch((e) => setError(errorText(e, 'Could not load the members.')));
  }, [team.id, teams]);

  const members = teams.members(team.id);
  const nameOf = (id: string) => isolate(people.person(id)?.displayName ?? 'them');

  return (
    <Modal title={team.name} onClose={onClose} wide>
      {() => (
        <div className="manage-team">
          {team.description && <p className="team-description">{team.description}</p>}
          <p className="muted small">{owner ? 'You are an owner of this team.' : 'You are a member of this team.'}</p>
          <h3 id="team-members-heading">Members{members ? ` (${members.length})` : ''}</h3>
          {!members && <p className="muted small">Loading members…</p>}
          {members && (
            <MemberList
              people={people}
              presence={presence}
              rows={members}
              label={`Members of ${team.name}`}
              place={team.name}
              busyId={busyId}
              actions={
                owner
                  ? (r, name) => (
                      <button
                        type="button"
                        className="secondary small-button"
                        disabled={busyId === r.userId}
                        onClick={() =>
                          void run(
                            r.userId,
                            () => teams.setRole(team.id, r.userId, r.role === 'owner' ? 'member' : 'owner'),
                            r.role === 'owner' ? `${name} is now a member.` : `${name} is now an owner.`,
                            'Could not change their role.',
                          )
                        }
                      >
                        {r.role === 'owner' ? 'Make member' : 'Make owner'}
                        <span className="visually-hidden"> {name}</span>
                      </button>
                    )
                  : undefined
              }
              onRemove={
                owner
                  ? (id) =>
                      void run(
                        id,
                        () => teams.removeMember(team.id, id),
                        `${nameOf(id)} was removed from the team.`,
                        'Could not remove them.',
                      )
                  : undefined
              }
            />
          )}
          {owner && (
            <PeopleSearch
              meId={chat.me.id}
              presence={presence}
              id="team-add-people"
              label="Add people from any organisation"
              exclude={(members ?? []).map((m) => m.userId)}
              busyId={busyId}
              onPick={(p) =>
                void run(p.id, () => teams.addMember(team.id, p), `${isolate(p.displayName)} was added to the team.`, 'Could not add them.')
              }
            />
          )}
          <p className="muted small" role="status">
            {notice}
          </p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-foot gap">
            {owner && (
              <button type="button" className="secondary" onClick={() => setServices(true)}>
                Manage services
              </button>
            )}
            {!confirmLeave ? (
              <button type="button" className="secondary danger" onClick={() => setConfirmLeave(true)}>
                Leave team
              </button>
            ) : (
              <>
                <span className="confirm-text">Leave {team.name} and all its channels?</span>
                <button type="button" className="secondary" onClick={() => setConfirmLeave(false)}>
                  Stay
                </button>
                <button
                  type="button"
                  className="primary danger"
                  autoFocus
                  onClick={() =>
                    void teams.leave(team.id).then(onClose, (e) => {
                      setConfirmLeave(false);
                      setError(errorText(e, 'Could not leave the team.'));
                    })
                  }
                >
                  Yes, leave
                </button>
              </>
            )}
            <button type="button" className="secondary" onClick={onClose}>
              Close
            </button>
          </div>
          {services && <ServicesDialog chat={chat} team={team} onClose={() => setServices(false)} />}
        </div>
      )}
    </Modal>
  );
}
