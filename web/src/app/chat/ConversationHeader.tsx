import { useEffect, useState } from 'react';
import type { ConversationSummary } from '../../types';
import type { ChatController } from '../controller';
import { ConversationMembersDialog, LeaveDialog, RenameDialog } from '../teams/ConversationDialogs';
import { LockIcon } from '../teams/TeamsPane';
import '../teams/teams.css';
import { BackButton } from '../ui/BackButton';
import { useStore } from '../useStore';
import { presenceText } from './Presence';
import { MuteButton } from '../settings/MuteButton';
import { PinnedPanel } from '../pins/PinnedPanel';
import { CallButtons } from '../calls/CallButtons';
import { BotBadgeFor } from '../bots/BotBadge';
import { IncomingWebhooksDialog } from '../integrations/IncomingWebhooksDialog';
import { FilesPanel } from '../files/FilesPanel';
import { filesApi } from '../files/filesApi';

type Open = 'members' | 'rename' | 'leave' | 'pinned' | 'files' | 'webhooks' | null;

/** "1 person", "2 people". */
export function peopleCount(n: number): string {
  return n === 1 ? '1 person' : `${n} people`;
}

/**
 * The head of the message pane: the conversation's name (with its team for channels, the other
 * person's presence for direct chats) and what the caller may do here: see and add members,
 * rename, leave. Only actions the server would allow are offered.
 */
export function ConversationHeader({
  chat,
  conversation: c,
  title,
}: {
  chat: ChatController;
  conversation: ConversationSummary;
  title: string;
}) {
  const { teams, members, presence, pins } = chat;
  useStore(teams);
  useStore(members);
  useStore(presence);
  useStore(pins);
  useEffect(() => {
    // Which messages are pinned shows on the messages too, so the list loads with the conversation.
    pins.ensure(c.id).catch(() => {});
  }, [c.id, pins]);
  const pinCount = pins.pins(c.id)?.length ?? 0;
  const [open, setOpen] = useState<Open>(null);
  const team = teams.team(c.teamId);
  const owner = teams.isOwner(c.teamId);
  const isChannel = c.kind === 'channel';
  const isPrivate = isChannel && c.visibility === 'private';
  const other = c.kind === 'direct' ? c.memberIds.find((id) => id !== chat.me.id) : undefined;
  const otherPresence = other ? presenceText(presence, other) : '';
  const writable = !c.archived;
  const canRename = writable && (c.kind === 'group' || (isChannel && owner));
  const canLeave = c.kind === 'group' || isPrivate;
  const memberCount = c.kind === 'channel' ? members.conversationMembers(c.id)?.length : c.memberIds.length;

  return (
    <header className="pane-head conversation-head">
      <BackButton label="Back" onClose={() => chat.select(null)} owns={(e) => e.conversationId === c.id && !e.threadRootId} />
      <div className="head-title">
        <h1>
          {isPrivate && (
            <span className="head-lock" title="Private channel">
              <LockIcon />
            </span>
          )}
          {title}
          {other && <BotBadgeFor person={chat.people.person(other)} />}
          {isPrivate && <span className="visually-hidden"> (private channel)</span>}
        </h1>
        {(team || otherPresence || c.kind === 'group') && (
          <p className="head-sub muted">
            {team ? `${team.name}${isPrivate ? ' · Private channel' : ''}` : otherPresence || `Group chat · ${peopleCount(c.memberIds.length)}`}
          </p>
        )}
      </div>
      {c.archived && <span className="tag">Archived</span>}
      <MuteButton preferences={chat.preferences} conversationId={c.id} title={title} />
      <div className="head-actions" role="group" aria-label="Conversation actions">
        <CallButtons calls={chat.calls} conversation={c} />
        <button type="button" className="secondary" onClick={() => setOpen('pinned')}>
          Pinned{pinCount ? ` (${pinCount})` : ''}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen('files')}>
          Files
        </button>
      {c.kind !== 'direct' && (
        <>
          <button type="button" className="secondary" onClick={() => setOpen('members')}>
            Members{memberCount ? ` (${memberCount})` : ''}
            {memberCount ? <span className="visually-hidden">, {peopleCount(memberCount)}</span> : null}
          </button>
          {canRename && (
            <button type="button" className="secondary" onClick={() => setOpen('rename')}>
              Rename
            </button>
          )}
          {canRename && (
            <button type="button" className="secondary" onClick={() => setOpen('webhooks')}>
              Webhooks
            </button>
          )}
          {canLeave && (
            <button type="button" className="secondary danger" onClick={() => setOpen('leave')}>
              Leave
            </button>
          )}
        </>
      )}
      </div>
      {open === 'pinned' && <PinnedPanel chat={chat} conversation={c} title={title} onClose={() => setOpen(null)} />}
      {open === 'files' && (
        <FilesPanel
          title={title}
          people={chat.people}
          conversationId={c.id}
          load={(o) => filesApi.conversationFiles(c.id, o)}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'members' && <ConversationMembersDialog chat={chat} conversation={c} title={title} onClose={() => setOpen(null)} />}
      {open === 'rename' && <RenameDialog actions={chat.actions} conversation={c} onClose={() => setOpen(null)} />}
      {open === 'webhooks' && <IncomingWebhooksDialog conversationId={c.id} title={title} onClose={() => setOpen(null)} />}
      {open === 'leave' && <LeaveDialog members={members} conversation={c} title={title} onClose={() => setOpen(null)} />}
    </header>
  );
}
