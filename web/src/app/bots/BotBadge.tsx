import type { Profile } from '../../types';
import './bots.css';

/**
 * The BOT badge beside a bot's name: a square-cornered, outlined tag in its own colour, unlike
 * anything a person's name carries (presence dots are round, role tags are filled). Its
 * accessible name is "bot", so a screen reader says "Results, bot". Only the server can make an
 * account a bot (users.kind), so no person can wear it.
 */
export function BotBadge() {
  return (
    <span className="bot-badge" role="img" aria-label="bot" title="Bot account">
      BOT
    </span>
  );
}

/** The badge when this profile is a bot's, nothing otherwise. */
export function BotBadgeFor({ person }: { person: Pick<Profile, 'bot'> | undefined }) {
  return person?.bot === true ? <BotBadge /> : null;
}
