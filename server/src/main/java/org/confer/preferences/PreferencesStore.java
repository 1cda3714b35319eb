package org.confer.preferences;

import static org.confer.db.schema.Tables.USER_PREFERENCES;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** SQL for a person's preferences, stored as the JSON of {@link Preferences}. */
public final class PreferencesStore {

    public Optional<String> json(DSLContext db, UUID userId) {
        return db.select(USER_PREFERENCES.PREFERENCES).from(USER_PREFERENCES).where(USER_PREFERENCES.USER_ID.eq(userId))
                .fetchOptional(USER_PREFERENCES.PREFERENCES);
    }

    /** Locks the person's row (or the gap where it will be) so two changes at once do not lose one. */
    public Optional<String> jsonForUpdate(DSLContext tx, UUID userId) {
        return tx.select(USER_PREFERENCES.PREFERENCES).from(USER_PREFERENCES).where(USER_PREFERENCES.USER_ID.eq(userId))
                .forUpdate().fetchOptional(USER_PREFERENCES.PREFERENCES);
    }

    public void save(DSLContext tx, UUID userId, String json, OffsetDateTime now) {
        int updated = tx.update(USER_PREFERENCES).set(USER_PREFERENCES.PREFERENCES, json).set(USER_PREFERENCES.UPDATED_AT, now)
                .where(USER_PREFERENCES.USER_ID.eq(userId)).execute();
        if (updated == 0) {
            tx.insertInto(USER_PREFERENCES).set(USER_PREFERENCES.USER_ID, userId).set(USER_PREFERENCES.PREFERENCES, json)
                    .set(USER_PREFERENCES.UPDATED_AT, now).execute();
        }
    }
}
