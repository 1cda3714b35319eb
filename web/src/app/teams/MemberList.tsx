import type { ReactNode } from 'react';
import type { TeamRole } from '../../types';
import type { ChatController } from '../controller';
import { PresenceDot, presenceText } from '../Presence';
import { initials } from '../util';
import { personDetail } from './peopleSelection';
import { sortMembers } from './teamModel';

export interface MemberRow {
  userId: string;
  role?: TeamRole;
}

/**
 * People with presence dots (shape and hidden text, not colour alone), job title and
 * organisation, an "Owner" tag where roles apply, and a remove button when `onRemove` is given
 * and allowed for that row.
 */
export function MemberList({
  controller,
  rows,
  label,
  onRemove,
  canRemove,
  busyId,
  actions,
}: {
  controller: ChatController;
  rows: MemberRow[];
  /** More buttons for a row (for example a role change). */
  actions?: (row: MemberRow, name: string) => ReactNode;
  label: string;
  onRemove?: (userId: string) => void;
  canRemove?: (row: MemberRow) => boolean;
  busyId?: string | null;
}) {
  return (
    <ul className="member-list" aria-label={label}>
      {sortMembers(rows, (id) => controller.store.person(id)?.displayName).map((r) => {
        const p = controller.store.person(r.userId);
        const name = p?.displayName ?? '…';
        const me = r.userId === controller.me.id;
        const presence = presenceText(controller, r.userId);
        return (
          <li key={r.userId} className="member-row">
            <span className="avatar-wrap">
              <span className="avatar" aria-hidden="true">
                {initials(name)}
              </span>
              <PresenceDot controller={controller} userId={r.userId} />
            </span>
            <span className="member-text">
              <span className="person-name">
                <bdi>{name}</bdi>
                {me ? ' (you)' : ''}
                {presence && <span className="visually-hidden">, {presence}</span>}
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
                onClick={() => onRemove(r.userId)}
              >
                Remove<span className="visually-hidden"> {name}</span>
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
