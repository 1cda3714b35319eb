import { useEffect, useState } from 'react';
import type { ConversationStore } from '../../store/conversations';
import type { ConversationSummary, Team } from '../../types';
import type { ChatController } from '../controller';
import { RailIcon, RailItem } from '../ui/RailItem';
import { useStore } from '../useStore';
import { teamsCount, teamsText } from '../alerts/railCounts';
import { badgeText, teamTree } from './teamModel';
import { CreateChannelDialog, CreateTeamDialog, ManageTeamDialog } from './TeamDialogs';
import './teams.css';
import { UnreadBadges } from '../ui/UnreadBadges';
import { FilesPanel } from '../files/FilesPanel';
import { filesApi } from '../files/filesApi';

type Open = { kind: 'create-team' } | { kind: 'create-channel'; team: Team } | { kind: 'manage'; team: Team } | { kind: 'files'; team: Team } | null;

/** The Teams section of the list pane: my teams, each with its channels, and the team actions. */
export function TeamsPane({ chat, onOpened }: { chat: ChatController; onOpened?: () => void }) {
  const { teams, conversations } = chat;
  useStore(teams);
  useStore(conversations);
  useStore(chat);
  const [open, setOpen] = useState<Open>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // Opening the section always shows the current teams (the stream keeps them current after).
    teams.refresh().then(
      () => setError(null),
      () => setError('Could not load your teams. They will appear when the connection is back.'),
    );
  }, [teams]);

  const tree = teamTree(teams.teams(), conversations.conversations());
  const select = (id: string) => {
    chat.select(id);
    onOpened?.();
  };
  const toggle = (id: string) =>
    setCollapsed((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <>
      <div className="list-head">
        <h2 id="teams-heading">Teams</h2>
        <button type="button" className="secondary" onClick={() => setOpen({ kind: 'create-team' })}>
          Create team
        </button>
      </div>
      {error && (
        <p className="form-error pad" role="alert">
          {error}
        </p>
      )}
      {teams.loaded() && tree.length === 0 && (
        <p className="muted pad">You are not in any team yet. Create one, or ask a team owner to add you.</p>
      )}
      <ul className="team-tree" aria-labelledby="teams-heading">
        {tree.map(({ team, channels, unreadCount, mentionCount }) => {
          const expanded = !collapsed.has(team.id);
          const listId = `team-${team.id}-channels`;
          return (
            <li key={team.id} className="team" data-team-id={team.id}>
              <div className="team-row">
                <button
                  type="button"
                  className="team-toggle"
                  aria-expanded={expanded}
                  aria-controls={expanded ? listId : undefined}
                  onClick={() => toggle(team.id)}
                >
                  <span className="chevron" aria-hidden="true">
                    {expanded ? '▾' : '▸'}
                  </span>
                  <span className="team-avatar" aria-hidden="true">
                    {team.name.slice(0, 1).toUpperCase()}
                  </span>
                  <span className="team-name">{team.name}</span>
                  {!expanded && badgeText(unreadCount, mentionCount) && (
                    <>
                      <span className="visually-hidden">, {badgeText(unreadCount, mentionCount)}</span>
                      <span className="badge" aria-hidden="true">
                        {unreadCount > 99 ? '99+' : unreadCount}
                      </span>
                    </>
                  )}
                </button>
                <button type="button" className="icon-button team-manage team-files" onClick={() => setOpen({ kind: 'files', team })}>
                  Files<span className="visually-hidden"> of team {team.name}</span>
                </button>
                <button type="button" className="icon-button team-manage" onClick={() => setOpen({ kind: 'manage', team })}>
                  Manage<span className="visually-hidden"> team {team.name}</span>
                </button>
              </div>
              {expanded && (
                <ul id={listId} className="channel-list" aria-label={`Channels of ${team.name}`}>
                  {channels.map((c) => (
                    <li key={c.id}>
                      <ChannelItem c={c} active={c.id === chat.activeId} onSelect={select} />
                    </li>
                  ))}
                  <li>
                    <button
                      type="button"
                      className="link-button add-channel"
                      onClick={() => setOpen({ kind: 'create-channel', team })}
                    >
                      + Add channel<span className="visually-hidden"> to {team.name}</span>
                    </button>
                  </li>
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {open?.kind === 'create-team' && (
        <CreateTeamDialog
          teams={teams}
          onClose={() => setOpen(null)}
          onCreated={(generalId) => {
            setOpen(null);
            if (generalId) select(generalId);
          }}
        />
      )}
      {open?.kind === 'create-channel' && (
        <CreateChannelDialog
          chat={chat}
          team={open.team}
          onClose={() => setOpen(null)}
          onCreated={(id) => {
            setOpen(null);
            select(id);
          }}
        />
      )}
      {open?.kind === 'manage' && (
        <ManageTeamDialog chat={chat} team={teams.team(open.team.id) ?? open.team} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'files' && (
        <FilesPanel title={open.team.name} people={chat.people} load={(o) => filesApi.teamFiles(open.team.id, o)} onClose={() => setOpen(null)} />
      )}
    </>
  );
}

function ChannelItem({ c, active, onSelect }: { c: ConversationSummary; active: boolean; onSelect: (id: string) => void }) {
  const isPrivate = c.visibility === 'private';
  const badge = badgeText(c.unreadCount, c.mentionCount);
  return (
    <button
      type="button"
      className={`conversation channel${active ? ' active' : ''}${c.unreadCount > 0 ? ' unread' : ''}`}
      aria-current={active ? 'true' : undefined}
      onClick={() => onSelect(c.id)}
    >
      <span className="channel-mark" aria-hidden="true">
        {isPrivate ? <LockIcon /> : '#'}
      </span>
      <span className="conversation-title">{c.name}</span>
      {isPrivate && <span className="visually-hidden">, private channel</span>}
      {c.archived && <span className="tag">Archived</span>}
      <UnreadBadges text={badge} unread={c.unreadCount} mentions={c.mentionCount} />
    </button>
  );
}

export function LockIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}

/** The Teams item of the left rail: mentions of me in channels, a dot for channels merely unread (alerts/railCounts.ts). */
export function TeamsRailItem({ conversations, current, onSelect }: { conversations: ConversationStore; current: boolean; onSelect: () => void }) {
  useStore(conversations);
  const count = teamsCount(conversations.conversations());
  return (
    <RailItem
      href="#teams"
      label="Teams"
      current={current}
      onSelect={onSelect}
      unread={count.mentions}
      dot={count.unreadChannels > 0}
      unreadText={teamsText(count)}
      icon={
        <RailIcon>
          <circle cx="9" cy="8" r="3.2" fill="none" stroke="currentColor" strokeWidth="2" />
          <circle cx="17" cy="9.5" r="2.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path
            d="M3 19c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5M15 14.2c3.2-.6 6 1.2 6 4.8"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </RailIcon>
      }
    />
  );
}
