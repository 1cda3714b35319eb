/**
 * A conversation's unread and mention counts as a list row shows them: the text for screen
 * readers (the row's accessible name) and the two badges for the eye.
 */
export function UnreadBadges({ text, unread, mentions }: { text: string | null; unread: number; mentions: number }) {
  return (
    <>
      {text && <span className="visually-hidden">, {text}</span>}
      {mentions > 0 && (
        <span className="badge mention" aria-hidden="true">
          @{mentions}
        </span>
      )}
      {unread > 0 && (
        <span className="badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </>
  );
}
