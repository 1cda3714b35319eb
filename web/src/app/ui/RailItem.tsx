import type { ReactNode } from 'react';

/**
 * One section in the left rail (a link, so it reads as navigation), with its icon and, where
 * the section counts something, an unread badge and the same count for screen readers; a
 * section with something unread but nothing to count (channels without a mention) shows a dot.
 */
export function RailItem({
  href,
  label,
  icon,
  current,
  onSelect,
  unread,
  dot = false,
  unreadText,
}: {
  href: string;
  label: string;
  icon: ReactNode;
  current: boolean;
  onSelect: () => void;
  /** Sections without a count leave it out (and have no badge slot). */
  unread?: number;
  /** Something is unread, but not counted: a dot and a bold label, no number. */
  dot?: boolean;
  /** Said after the label when something is unread, e.g. ", 3 unread". */
  unreadText?: string;
}) {
  return (
    <a
      href={href}
      className={`rail-item${unread || dot ? ' has-unread' : ''}`}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        onSelect();
      }}
    >
      {unread === undefined ? (
        icon
      ) : (
        <span className="rail-icon-wrap">
          {icon}
          {unread > 0 ? (
            <span className="rail-badge" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          ) : (
            dot && <span className="rail-dot" aria-hidden="true" />
          )}
        </span>
      )}
      <span>{label}</span>
      {(!!unread || dot) && <span className="visually-hidden">{unreadText}</span>}
    </a>
  );
}

/** A rail icon: a line drawing in the text colour; its name is the item's label. */
export function RailIcon({ children }: { children: ReactNode }) {
  return (
    <svg className="rail-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}
