import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Profile, Team } from '../../types';
import type { ChatController } from '../controller';
import { MemberList } from './MemberList';
import { errorText, Modal } from './Modal';
import { PeopleSearch } from './PeopleSearch';
import { useMemberActions } from './useMemberActions';
import { toggle } from './peopleSelection';
import { isolate } from '../../text/isolate';

const NAME_MAX = 120;

export function CreateTeamDialog({
  controller,
  onClose,
  onCreated,
}: {
  controller: ChatController;
  onClose: () => void;
  onCreated: (generalId: string) => void;
}) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!name.trim()) {
      setError('Give the team a name.');
      return;
    }
    setBusy(true);
    try {
      onCreated(await controller.createTeam(name.trim(), description));
    } catch (e) {
      setError(errorText(e, 'Could not create the team. Try again.'));
      setBusy(false);
    }
  };
  return (
    <Modal title="Create a team" onClose={onClose}>
      {() => (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
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
              Create team
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

export function CreateChannelDialog({
  controller,
  team,
  onClose,
  onCreated,
}: {
  controller: ChatController;
  team: Team;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  useSyncExternalStore(controller.store.subscribe, controller.store.version);
  useSyncExternalStore(controller.teams.subscribe, controller.teams.version);
  const [name, setName] = useState('');
  const [visibility, setVisibility] = useState<'standard' | 'private'>('standard');
  const [chosen, setChosen] = useState<Profile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (visibility === 'private') controller.loadTeamMembers(team.id).catch(() => setError('Could not load the team members.'));
  }, [visibility, team.id, controller]);

  const teamPeople = (controller.teams.members(team.id) ?? [])
    .map((m) => controller.store.person(m.userId))
    .filter((p): p is Profile => !!p);

  const submit = async () => {
    if (!name.trim()) {
      setError('Give the channel a name.');
      return;
    }
    setBusy(true);
    try {
      onCreated(await controller.createChannel(team.id, name.trim(), visibility, visibility === 'private' ? chosen.map((p) => p.id) : []));
    } catch (e) {
      setError(errorText(e, 'Could not create the channel. Try again.'));
      setBusy(false);
    }
  };
  return (
    <Modal title={`New channel in ${team.name}`} onClose={onClose} wide>
      {() => (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor="channel-name">Channel name</label>
          <input
            id="channel-name"
            className="text-input"
            value={name}
            maxLength={NAME_MAX}
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
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
                controller={controller}
                id="channel-people"
                label="Choose team members"
                exclude={[]}
                among={teamPeople}
                selectedIds={chosen.map((p) => p.id)}
                onPick={(p) => setChosen((s) => toggle(s, p))}
              />
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
            <button type="submit" className="primary" disabled={busy}>
              Create channel
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

/** Members with roles and presence; owners add people from any organisation and remove them; anyone may leave. */
export function ManageTeamDialog({ controller, team, onClose }: { controller: ChatController; team: Team; onClose: () => void }) {
  useSyncExternalStore(controller.store.subscribe, controller.store.version);
  useSyncExternalStore(controller.teams.subscribe, controller.teams.version);
  const { error, setError, notice, busyId, run } = useMemberActions();
  const [confirmLeave, setConfirmLeave] = useState(false);
  const owner = team.myRole === 'owner';

  useEffect(() => {
    controller.loadTeamMembers(team.id).catch((e) => setError(errorText(e, 'Could not load the members.')));
  }, [team.id, controller]);

  const members = controller.teams.members(team.id);
  const nameOf = (id: string) => isolate(controller.store.person(id)?.displayName ?? 'them');

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
              controller={controller}
              rows={members}
              label={`Members of ${team.name}`}
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
                            () => controller.setTeamRole(team.id, r.userId, r.role === 'owner' ? 'member' : 'owner'),
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
                        () => controller.removeTeamMember(team.id, id),
                        `${nameOf(id)} was removed from the team.`,
                        'Could not remove them.',
                      )
                  : undefined
              }
            />
          )}
          {owner && (
            <PeopleSearch
              controller={controller}
              id="team-add-people"
              label="Add people from any organisation"
              exclude={(members ?? []).map((m) => m.userId)}
              busyId={busyId}
              onPick={(p) =>
                void run(p.id, () => controller.addTeamMember(team.id, p), `${isolate(p.displayName)} was added to the team.`, 'Could not add them.')
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
                    void controller.leaveTeam(team.id).then(onClose, (e) => {
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
        </div>
      )}
    </Modal>
  );
}
