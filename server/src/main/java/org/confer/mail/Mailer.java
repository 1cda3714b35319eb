package org.confer.mail;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.jooq.DSLContext;

/**
 * Writes mail. Every mail goes into the outbox table in the caller's transaction, so a mail
 * exists exactly when the change it tells of was committed (an invitation is never lost, and a
 * rolled-back change sends nothing). {@link OutboxSender} delivers the rows over SMTP when one is
 * configured; without SMTP the rows are the outbox an admin reads.
 *
 * <p>A concrete class, not an interface: there is one way to write mail (the table); the ways
 * to deliver it differ, and that is the sender's business.
 */
public final class Mailer {
    /** A page of the admin's outbox list: bounds one answer. */
    public static final int MAX_PAGE = 200;
    /** RFC 5321's limit on a path is 256; an address longer than the column cannot be real. */
    private static final int MAX_ADDRESS = 320;
    /** Subjects are one header line; longer ones are cut, never refused (the change must commit). */
    private static final int MAX_SUBJECT = 300;
    private static final int MAX_BODY = 20_000;

    /** One page of the outbox, newest first; {@code nextCursor} is null on the last page. */
    public record MailPage(List<OutboxMail> items, String nextCursor) {}

    private final Database db;
    private final MailStore store;

    public Mailer(Database db, MailStore store) {
        this.db = db;
        this.store = store;
    }

    /** Writes {@code mail} to the outbox in the transaction of {@code tx}; returns its id. */
    public UUID send(DSLContext tx, Mail mail, OffsetDateTime now) {
        String to = mail.toAddress() == null ? "" : mail.toAddress().strip();
        if (to.isEmpty() || to.length() > MAX_ADDRESS || to.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("not a mail address: " + to);
        }
        UUID id = UUID.randomUUID();
        Mail clean = new Mail(to, mail.toUserId(), mail.toOrganisationId(), oneLine(mail.subject(), MAX_SUBJECT),
                cut(mail.textBody() == null ? "" : mail.textBody(), MAX_BODY), mail.ics());
        store.insert(tx, id, clean, now);
        return id;
    }

    /** The outbox newest first: everything, or only mail to {@code organisation}'s people when it is not null. */
    public MailPage newestFirst(UUID organisation, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalid("limit", "'limit' must be from 1 to " + MAX_PAGE);
        }
        List<OutboxMail> rows = store.newestFirst(db.dsl(), organisation, decode(cursor), limit + 1);
        if (rows.size() <= limit) {
            return new MailPage(rows, null);
        }
        List<OutboxMail> items = List.copyOf(rows.subList(0, limit));
        OutboxMail last = items.getLast();
        return new MailPage(items, encode(last.createdAt() + "|" + last.id()));
    }

    /** Header injection: a subject is one line, whatever the caller put in it. */
    private static String oneLine(String s, int max) {
        return cut(s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").strip(), max);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static MailStore.Position decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = key.indexOf('|');
            return new MailStore.Position(OffsetDateTime.parse(key.substring(0, bar)), UUID.fromString(key.substring(bar + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException e) {
            throw ApiException.invalid("cursor", "'cursor' is not a cursor this server issued");
        }
    }
}
