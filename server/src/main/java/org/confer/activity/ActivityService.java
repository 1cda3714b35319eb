package org.confer.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.http.ApiException;
import org.confer.db.Database;
import org.confer.identity.Principal;
import org.jooq.DSLContext;

/**
 * The signed-in person's activity feed, derived when asked from what the chat already stores
 * (docs/decisions.md, "Activity feed derived at read time"). Each source is read up to the page
 * size plus some slack, merged newest first, and cut at the cursor.
 */
public final class ActivityService {
    public static final int MAX_LIMIT = 100;
    public static final int PREVIEW_CHARS = 160;
    /** Extra rows per source so items sharing the cursor's exact time are never cut off. */
    private static final int SLACK = 50;

    public record Page(List<ActivityItem> items, String nextCursor) {}

    private final Database db;
    private final ActivityStore store;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ActivityService(Database db, ActivityStore store, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Page feed(Principal who, String before, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit", "'limit' must be from 1 to " + MAX_LIMIT);
        }
        ActivityCursor cursor = before == null || before.isBlank() ? null : ActivityCursor.decode(before);
        OffsetDateTime until = cursor == null ? OffsetDateTime.now(clock).plusYears(1) : cursor.at();
        UUID me = who.userId();
        DSLContext dsl = db.dsl();
        OffsetDateTime seenAt = store.seenAt(dsl, me).orElse(null);
        int rows = limit + SLACK;
        List<ActivityRow> all = new ArrayList<>();
        all.addAll(store.mentions(dsl, me, until, rows));
        all.addAll(store.everyoneMentions(dsl, me, until, rows));
        all.addAll(store.urgent(dsl, me, until, rows));
        all.addAll(store.reactions(dsl, me, until, rows));
        all.addAll(store.added(dsl, me, until, rows));
        all.addAll(store.replies(dsl, me, until, rows));
        all.addAll(store.direct(dsl, me, until, rows));

        // One item per id: a message that mentions me by name and with @channel is one mention.
        Map<String, ActivityItem> byId = new LinkedHashMap<>();
        for (ActivityRow r : all) {
            ActivityItem item = toItem(r, seenAt);
            byId.merge(item.id(), item, (a, b) -> Boolean.TRUE.equals(a.everyone()) ? b : a);
        }
        // And one item per message: urgent, then mention, then reply, then direct. Every source
        // reads the newest rows up to the same time, so a message outranked on this page has
        // its stronger item on it too.
        Map<UUID, ActivityKind> strongest = new HashMap<>();
        for (ActivityRow r : all) {
            if (r.messageId() != null && r.kind() != ActivityKind.REACTION) {
                strongest.merge(r.messageId(), r.kind(), (a, b) -> rank(a) <= rank(b) ? a : b);
            }
        }
        List<ActivityItem> page = byId.values().stream()
                .filter(i -> i.messageId() == null || "reaction".equals(i.kind())
                        || strongest.get(i.messageId()).code().equals(i.kind()))
                .filter(i -> cursor == null || cursor.isBefore(i))
                .sorted(ActivityCursor.ORDER)
                .limit(limit)
                .toList();
        String next = page.size() == limit ? ActivityCursor.of(page.getLast()).encode() : null;
        return new Page(page, next);
    }

    /** The person has looked at the feed up to {@code at} (never later than now; never moves back). */
    public OffsetDateTime markSeen(Principal who, OffsetDateTime at) {
        if (at == null) {
            throw ApiException.invalid("at", "'at' is required: the time of the newest item shown");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime seen = at.isAfter(now) ? now : at;
        db.dsl().transaction(cfg -> store.advanceSeen(cfg.dsl(), who.userId(), seen));
        return store.seenAt(db.dsl(), who.userId()).orElse(seen);
    }

    private ActivityItem toItem(ActivityRow r, OffsetDateTime seenAt) {
        boolean read = (seenAt != null && !r.at().isAfter(seenAt)) || (r.seq() != null && r.seq() <= r.readSeq());
        boolean hasMessage = r.messageId() != null;
        String id = switch (r.kind()) {
            case MENTION, URGENT, REPLY, DIRECT -> r.kind().code() + ":" + r.messageId();
            case REACTION -> "reaction:" + r.messageId() + ":" + r.actorId() + ":" + r.emoji();
            case ADDED -> "added:" + r.conversationId() + ":" + r.seq();
        };
        UUID actor = r.kind() == ActivityKind.ADDED && r.actorId() == null ? addedBy(r.addedBy()) : r.actorId();
        return new ActivityItem(id, r.kind().code(), r.conversationId(), r.messageId(), r.threadRootId(), actor, r.at(),
                r.seq(), preview(r.text()), hasMessage ? r.edited() : null, hasMessage ? r.deleted() : null, r.emoji(),
                r.kind() == ActivityKind.MENTION ? r.everyone() : null, read);
    }

    /** Which item a message that is several kinds of activity at once shows as (lowest first). */
    private static int rank(ActivityKind kind) {
        return switch (kind) {
            case URGENT -> 0;
            case MENTION -> 1;
            case REPLY -> 2;
            case DIRECT -> 3;
            case REACTION, ADDED -> 4; // not about the message's own author: never compete
        };
    }

    private UUID addedBy(String payload) {
        try {
            JsonNode by = mapper.readTree(payload).get("by");
            return by == null || by.isNull() ? null : UUID.fromString(by.asText());
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The start of the text, at most {@link #PREVIEW_CHARS} characters, never cutting a
     * {@code <@id>} mention or a surrogate pair in two. Markdown source: clients render it as text.
     */
    static String preview(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().replaceAll("\\s+", " ");
        if (t.length() <= PREVIEW_CHARS) {
            return t;
        }
        int end = PREVIEW_CHARS;
        if (Character.isHighSurrogate(t.charAt(end - 1))) {
            end--;
        }
        int open = t.lastIndexOf("<@", end);
        if (open >= 0 && t.indexOf('>', open) >= end) {
            end = open;
        }
        return t.substring(0, end).stripTrailing() + "…";
    }
}
