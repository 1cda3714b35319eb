package org.confer.identity;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.jooq.DSLContext;

/**
 * The accounts behind bots (users.kind = 'bot'): the only code that writes that kind. A bot has
 * no password and no session; its display name may not imitate anyone's in its organisation
 * (docs/bots-and-results.md, "Bot accounts"). Called inside the bots feature's transactions.
 */
public final class BotAccounts {
    /** Bot accounts need an email (users.email is the sign-in key); this domain can never receive mail (RFC 2606). */
    private static final String EMAIL_DOMAIN = "@bots.invalid";

    private final UserStore users;

    public BotAccounts(UserStore users) {
        this.users = users;
    }

    /**
     * Creates the account. {@code checkName} is false only for the built-in bots, whose names are
     * fixed by Confer: a person who happens to be called "Results" must not stop alerts.
     */
    public User create(DSLContext tx, UUID organisationId, String displayName, boolean checkName, OffsetDateTime now) {
        if (checkName) {
            users.imitated(tx, organisationId, displayName, false, null).ifPresent(name -> {
                throw new ApiException(ProblemType.BOT_NAME_TAKEN, "'displayName' imitates the name of " + name
                        + " in this organisation (ignoring case, spaces and lookalike letters); choose another",
                        Map.of("field", "displayName"));
            });
        }
        UUID id = UUID.randomUUID();
        User bot = new User(id, organisationId, "bot-" + id + EMAIL_DOMAIN, displayName, null, null, Role.MEMBER,
                UserStatus.ACTIVE, now, true);
        return users.insert(tx, bot, null);
    }

    public Optional<User> bot(DSLContext db, UUID id) {
        return users.byId(db, id).filter(User::bot);
    }

    /** A disabled bot's tokens stop working and it no longer appears as active. */
    public void setActive(DSLContext tx, UUID botId, boolean active, OffsetDateTime now) {
        if (bot(tx, botId).isPresent()) {
            users.setStatus(tx, botId, active ? UserStatus.ACTIVE : UserStatus.DISABLED, now);
        }
    }
}
