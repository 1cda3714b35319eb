package org.confer.chat;

import java.util.Map;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ServerTest;

/**
 * What RealtimeContractTest, RealtimeResumeTest and MessageTextAndMentionCountTest share: the
 * fixtures, and settings under which many people sign in from one address and post thousands of
 * messages, with a short outbound stream queue.
 */
abstract class RealtimeTestSupport extends ServerTest {
    ChatFixtures fx;

    @Override
    protected Map<String, String> settings() {
        // A short outbound queue so that a client that never reads overflows it quickly.
        return Map.of("CONFER_LOGIN_ATTEMPTS_PER_ADDRESS", "100000", "CONFER_STREAM_QUEUE_FRAMES", "128",
                "CONFER_POSTS_PER_MINUTE_PER_USER", "1000000");
    }

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }
}
