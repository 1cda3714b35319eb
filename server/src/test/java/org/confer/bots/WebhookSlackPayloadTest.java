package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.confer.events.MessageCard;
import org.confer.http.ApiException;
import org.junit.jupiter.api.Test;

/** Slack incoming-webhook bodies as Confer messages and cards. */
class WebhookSlackPayloadTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void mrkdwn_bold_italic_strike_links_and_entities_become_markdown() {
        assertThat(IncomingMrkdwn.toMarkdown("*Bed 12* is _ready_ ~not~ <https://lab.example/r/1|see report> &lt;ok&gt; &amp; done"))
                .isEqualTo("**Bed 12** is *ready* ~~not~~ [see report](https://lab.example/r/1) <ok> & done");
        assertThat(IncomingMrkdwn.toMarkdown("<https://lab.example/x>")).isEqualTo("https://lab.example/x");
        assertThat(IncomingMrkdwn.toMarkdown("ask <@U123|dana> in <#C1|ward-7> <!here>")).isEqualTo("ask @dana in #ward-7 @here");
        assertThat(IncomingMrkdwn.toMarkdown("snake_case_name and 2*3*4")).isEqualTo("snake_case_name and 2*3*4");
        assertThat(IncomingMrkdwn.toMarkdown("`*not bold*` *bold*")).isEqualTo("`*not bold*` **bold**");
    }

    @Test
    void a_javascript_link_is_never_made_a_markdown_link() {
        assertThat(IncomingMrkdwn.toMarkdown("<javascript:alert(1)|click>")).isEqualTo("click");
    }

    @Test
    void plain_text_only_gives_a_message_without_a_card() {
        IncomingPayloads.IncomingMessage m = IncomingPayloads.parse(json("{\"text\":\"Build *passed*\"}"));
        assertThat(m.text()).isEqualTo("Build **passed**");
        assertThat(m.card()).isNull();
        assertThat(m.ignored()).isEmpty();
    }

    @Test
    void blocks_make_a_card_and_unknown_blocks_are_listed() {
        IncomingPayloads.IncomingMessage m = IncomingPayloads.parse(json("""
                {"blocks":[
                  {"type":"header","text":{"type":"plain_text","text":"Porter needed"}},
                  {"type":"section","text":{"type":"mrkdwn","text":"Patient to *X-ray*"},
                   "fields":[{"type":"mrkdwn","text":"*Ward:*\\n7"},{"type":"mrkdwn","text":"*Bed*\\n12"}]},
                  {"type":"divider"},
                  {"type":"image","image_url":"https://x/y.png"},
                  {"type":"context","elements":[{"type":"mrkdwn","text":"from _PAS_"}]}
                ]}"""));
        assertThat(m.text()).isEqualTo("Patient to **X-ray**");
        MessageCard card = m.card();
        assertThat(card.title()).isEqualTo("Porter needed");
        assertThat(card.severity()).isEqualTo("info");
        assertThat(card.fields()).containsExactly(new MessageCard.Field("Ward", "7"), new MessageCard.Field("Bed", "12"));
        assertThat(card.footer()).isEqualTo("from PAS");
        assertThat(m.ignored()).containsExactly("blocks.image");
    }

    @Test
    void attachments_make_a_card_whose_colour_is_its_severity() {
        IncomingPayloads.IncomingMessage m = IncomingPayloads.parse(json("""
                {"text":"Monitoring","attachments":[{"color":"danger","title":"Fridge 3 too warm",
                  "text":"9.1 °C","fields":[{"title":"Limit","value":"8 °C","short":true}],"footer":"BMS"}]}"""));
        assertThat(m.text()).isEqualTo("Monitoring\n\n9.1 °C");
        assertThat(m.card()).isEqualTo(new MessageCard("Fridge 3 too warm", "critical",
                java.util.List.of(new MessageCard.Field("Limit", "8 °C")), java.util.List.of(), "BMS", null));
        assertThat(IncomingPayloads.severity("good")).isEqualTo("success");
        assertThat(IncomingPayloads.severity("warning")).isEqualTo("warning");
        assertThat(IncomingPayloads.severity("#2eb886")).isEqualTo("success");
        assertThat(IncomingPayloads.severity("#e01e5a")).isEqualTo("critical");
        assertThat(IncomingPayloads.severity("#daa038")).isEqualTo("warning");
        assertThat(IncomingPayloads.severity("#439fe0")).isEqualTo("info");
    }

    @Test
    void a_card_without_text_gets_its_title_as_the_fallback_text() {
        IncomingPayloads.IncomingMessage m = IncomingPayloads.parse(json("{\"attachments\":[{\"title\":\"Done\",\"color\":\"good\"}]}"));
        assertThat(m.text()).isEqualTo("Done");
        assertThat(m.card().severity()).isEqualTo("success");
    }

    @Test
    void a_body_with_nothing_to_post_is_refused() {
        assertThatThrownBy(() -> IncomingPayloads.parse(json("{\"text\":\"  \"}"))).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> IncomingPayloads.parse(json("[1]"))).isInstanceOf(ApiException.class);
    }

    private JsonNode json(String s) {
        try {
            return mapper.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
