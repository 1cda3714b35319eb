import { useState, type ReactNode } from 'react';
import type { PeopleStore } from '../../store/people';
import type { PresenceStore } from '../../store/presence';
import type { TeamRole } from '../../types';
import { PresenceDot, presenceText } from '../chat/Presence';
import { Modal } from '../ui/Modal';
import { useStore } from '../useStore';
import { initials } from '../util';
import { personDetail } from './peopleSelection';
import { sortMembers } from './teamModel';
import { BotBadgeFor } from '../bots/BotBadge';

export interface MemberRow {
  userId: string;
  role?: TeamRole;
}

/**
 * People with presence dots (shape and hidden text, not colour alone), job title and
 * organisation, an "Owner" tag where roles apply, and a remove button when `onRemove` is given
 * and allowed for that row. Removing asks first, in a dialog naming the person and `place` (the
 * conversation or team); Escape or Cancel keeps them.
 */
export function MemberList({
  people,
  presence,
  rows,
  label,
  onRemove,
  canRemove,
  busyId,
  actions,
  place,
}: {
  people: PeopleStore;
  presence: PresenceStore;
  rows: MemberRow[];
  /** More buttons for a row (for example a role change). */
  actions?: (row: MemberRow, name: string) => ReactNode;
  label: string;
  onRemove?: (userId: string) => void;
  canRemove?: (row: MemberRow) => boolean;
  busyId?: string | null;
  /** What they would be removed from, named in the confirmation ("Ward 7 nights"). */
  place?: string;
}) {
  useStore(people);
  useStore(presence);
  const [confirming, setConfirming] = useState<{ userId: string; name: string } | null>(null);
  return (
    <>
    {confirming && onRemove && (
      <Modal title={`Remove ${confirming.name}${place ? ` from ${place}` : ''}?`} onClose={() => setConfirming(null)}>
        {() => (
          <div>
            <p>
              <bdi>{confirming.name}</bdi> will no longer see {place ? <bdi>{place}</bdi> : 'it'} or be notified of its messages. Everyone in it
              will see that you removed them.
            </p>
            <div className="dialog-foot gap">
              <button type="button" className="secondary" autoFocus onClick={() => setConfirming(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="primary danger"
                onClick={() => {
                  const id = confirming.userId;
                  setConfirming(null);
                  onRemove(id);
                }}
              >
                Remove
              </button>
            </div>
          </div>
        )}
      </Modal>
    )}
    <ul className="member-list" aria-label={label}>
      {sortMembers(rows, (id) => people.person(id)?.displayName).map((r) => {
        const p = people.person(r.userId);
        const name = p?.displayName ?? '…';
        const me = r.userId === people.me.id;
        const status = presenceText(presence, r.userId);
        return (
          <li key={r.userId} className="member-row">
            <span className="avatar-wrap">
              <span className="avatar" aria-hidden="true">
                {initials(name)}
              </span>
              <PresenceDot presence={presence} userId={r.userId} />
            </span>
            <span className="member-text">
              <span className="person-name">
                <bdi>{name}</bdi>
                <BotBadgeFor person={p} />
                {me ? ' (you)' : ''}
                {status && <span className="visually-hidden">, {status}</span>}
              </span>
              {p && <span className="muted person-detail">{personDetail(p)}</span>}
            </span>
            {r.role === 'owner' && <span className="tag">Owner</span>}
            {actions?.(r, name)}
            {onRemove && !me && (canRemove ? canRemove(r) : true) && (
              <button
                type="button"
                className="secondary small-button"
                disabled={busyId === r.userId}
                onClick={() => setConfirming({ userId: r.userId, name })}
              >
                Remove<span className="visually-hidden"> {name}</span>
              </button>
            )}
          </li>
        );
      })}
    </ul>
    </>
  );
}
