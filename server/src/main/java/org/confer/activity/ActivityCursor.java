package org.confer.activity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import org.confer.http.ApiException;

/**
 * Where a page of the feed ends: the time and id of its last item. Opaque to clients (base64url
 * of {@code <epoch micros>|<item id>}). Items are ordered newest first, then by id descending,
 * so items with the same time (one transaction adding me to several channels) page exactly.
 */
record ActivityCursor(OffsetDateTime at, String id) {
    /** Newest first; equal times by id, descending. */
    static final Comparator<ActivityItem> ORDER = Comparator.comparing(ActivityItem::at).thenComparing(ActivityItem::id).reversed();

    static ActivityCursor of(ActivityItem item) {
        return new ActivityCursor(item.at(), item.id());
    }

    /** True when {@code item} comes after this cursor in feed order (strictly older). */
    boolean isBefore(ActivityItem item) {
        int byTime = item.at().compareTo(at);
        return byTime < 0 || (byTime == 0 && item.id().compareTo(id) < 0);
    }

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant());
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static ActivityCursor decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = s.indexOf('|');
            long micros = Long.parseLong(s.substring(0, bar));
            String id = s.substring(bar + 1);
            if (id.isEmpty() || id.length() > 200) {
                throw new IllegalArgumentException("id");
            }
            return new ActivityCursor(OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC), id);
        } catch (RuntimeException e) {
            throw ApiException.invalid("before", "'before' must be a cursor from an earlier answer (nextCursor)");
        }
    }
}
