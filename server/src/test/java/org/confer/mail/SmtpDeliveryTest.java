package org.confer.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.confer.meetings.MeetingsApiTest;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox delivered over SMTP (to a fake SMTP server on loopback): an invitation arrives as
 * a multipart mail with the text and a text/calendar part with its METHOD, and the row is marked
 * sent; a refused recipient leaves the row unsent with its error and a later retry.
 */
class SmtpDeliveryTest extends ServerTest {
    private final FakeSmtpServer smtp = start();
    private ChatFixtures fx;

    private static FakeSmtpServer start() {
        try {
            return new FakeSmtpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_SMTP_HOST", "127.0.0.1", "CONFER_SMTP_PORT", Integer.toString(smtp.port()),
                "CONFER_SMTP_STARTTLS", "false", "CONFER_SMTP_FROM", "confer@trust.example");
    }

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    @AfterAll
    void stopSmtp() throws IOException {
        smtp.close();
    }

    private JsonNode outboxRowTo(Person who) {
        Api.Response r = api.get("/api/v1/admin/email-outbox?limit=200", server.login("admin"));
        for (JsonNode m : r.json().get("items")) {
            if (m.get("toAddress").asText().equals(who.email())) {
                return m;
            }
        }
        throw new AssertionError("no mail to " + who.email() + " in " + r);
    }

    @Test
    void an_invitation_is_delivered_over_smtp_with_its_calendar_part_and_marked_sent() {
        Person organiser = fx.person("organiser");
        Person invitee = fx.person("invitee");
        Person other = fx.person("other");
        smtp.refuseRecipients(false);
        assertThat(api.post("/api/v1/meetings", MeetingsApiTest.weeklyMdtBody(List.of(invitee.id(), other.id())),
                organiser.token()).status()).isEqualTo(201);

        server.app().mailSender().sendDue();

        FakeSmtpServer.Received mail = smtp.received().stream().filter(m -> m.to().contains("<" + invitee.email() + ">"))
                .findFirst().orElseThrow(() -> new AssertionError("nothing received for " + invitee.email() + ": " + smtp.received()));
        assertThat(mail.from()).isEqualTo("<confer@trust.example>");
        assertThat(mail.data()).contains("Subject: Invitation: Lung MDT")
                .contains("text/calendar; charset=UTF-8; method=REQUEST")
                .contains("invite.ics");
        JsonNode row = outboxRowTo(invitee);
        assertThat(row.has("sentAt")).as("marked sent").isTrue();
        assertThat(row.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void a_refused_recipient_leaves_the_mail_unsent_with_its_error_for_a_later_retry() {
        Person organiser = fx.person("organiser");
        Person invitee = fx.person("refused");
        Person other = fx.person("other");
        smtp.refuseRecipients(true);
        try {
            assertThat(api.post("/api/v1/meetings", MeetingsApiTest.weeklyMdtBody(List.of(invitee.id(), other.id())),
                    organiser.token()).status()).isEqualTo(201);
            server.app().mailSender().sendDue();
        } finally {
            smtp.refuseRecipients(false);
        }
        JsonNode row = outboxRowTo(invitee);
        assertThat(row.has("sentAt")).isFalse();
        assertThat(row.get("attempts").asInt()).isEqualTo(1);
        assertThat(row.get("lastError").asText()).contains("550");
        assertThat(server.app().mailSender().sendDue()).as("not due again before its back-off").isZero();
        assertThat(OutboxSender.backOff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(OutboxSender.backOff(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(OutboxSender.backOff(9)).as("at most an hour apart").isEqualTo(Duration.ofHours(1));

        server.clock.advance(Duration.ofMinutes(2));
        server.app().mailSender().sendDue();
        assertThat(outboxRowTo(invitee).has("sentAt")).as("sent on the retry").isTrue();
        assertThat(outboxRowTo(invitee).get("attempts").asInt()).isEqualTo(2);
    }
}
