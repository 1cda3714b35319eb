package org.confer.realtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.confer.events.Bus;
import org.confer.events.FrameWriter;
import org.confer.events.ServerFrame;

/**
 * Passes "typing" on to the other members of a conversation, at most once per person per
 * conversation per {@link #WINDOW}: clients send it on every keystroke burst, and members need
 * only know that someone is still typing. Nothing is stored.
 */
public final class TypingRelay {
    public static final Duration WINDOW = Duration.ofSeconds(3);

    private record Key(UUID userId, UUID conversationId) {}

    private final Bus bus;
    private final FrameWriter frames;
    private final Clock clock;
    // The clock decides the window; the cache's own (real-time) expiry only bounds memory, so it
    // is much longer than the window.
    private final Cache<Key, Instant> lastRelayed = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    public TypingRelay(Bus bus, FrameWriter frames, Clock clock) {
        this.bus = bus;
        this.frames = frames;
        this.clock = clock;
    }

    /** Relays that {@code userId} is typing in a conversation they belong to; false when throttled. */
    boolean typing(UUID userId, UUID conversationId) {
        Instant now = clock.instant();
        boolean[] relay = {false};
        lastRelayed.asMap().compute(new Key(userId, conversationId), (k, last) -> {
            if (last == null || !now.isBefore(last.plus(WINDOW))) {
                relay[0] = true;
                return now;
            }
            return last;
        });
        if (relay[0]) {
            bus.ephemeral(conversationId, userId, frames.write(new ServerFrame.Typing(conversationId, userId)));
        }
        return relay[0];
    }
}
