package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The short-lived cache of resolved sessions never hands out a session whose user was changed
 * or signed out after it was read — not even one whose database read was under way at the time.
 * (The HTTP-level proofs — revoked, disabled and demoted people lose access with their next
 * request — are in SessionManagementTest, UserAdministrationTest and UserValidationAndDisablingTest.)
 */
class ResolvedSessionsTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final ResolvedSessions cache = new ResolvedSessions(() -> nanos.getAndIncrement());
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void a_remembered_session_is_served_until_its_user_is_forgotten() {
        cache.remember("a1", active(alice), cache.stamp());
        cache.remember("b1", active(bob), cache.stamp());
        assertThat(cache.get("a1")).isNotNull();

        cache.forgetUser(alice);

        assertThat(cache.get("a1")).isNull();
        assertThat(cache.get("b1")).as("another person's session stays cached").isNotNull();
    }

    @Test
    void a_read_that_started_before_the_user_was_forgotten_is_not_kept() {
        long readStarted = cache.stamp();
        cache.forgetUser(alice); // e.g. the session is revoked while the lookup reads the old row

        cache.remember("a1", active(alice), readStarted);

        assertThat(cache.get("a1")).isNull();
    }

    @Test
    void a_read_that_started_after_the_user_was_forgotten_is_kept() {
        cache.forgetUser(alice);

        cache.remember("a1", active(alice), cache.stamp());

        assertThat(cache.get("a1")).isNotNull();
    }

    @Test
    void an_unknown_token_is_not_cached() {
        assertThat(cache.get("nobody")).isNull();
    }

    private SessionStore.Active active(UUID userId) {
        OffsetDateTime now = OffsetDateTime.now();
        Session s = new Session(UUID.randomUUID(), userId, now, now, now.plusDays(7), "test", "127.0.0.1");
        User u = new User(userId, UUID.randomUUID(), userId + "@example.test", "Someone", null, null, Role.MEMBER,
                UserStatus.ACTIVE, now);
        return new SessionStore.Active(s, u);
    }
}
