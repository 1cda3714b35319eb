package org.confer.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.confer.app.ConfigLoader.Raw;
import org.confer.app.ConfigLoader.Setting;
import org.confer.visits.VisitSettings;

/** The virtual visits settings of {@link ConfigLoader}: the reminders tick, the booking challenge, the SMS gateway. */
final class VisitsConfig {

    private VisitsConfig() {}

    static VisitSettings parse(Map<Setting, Raw> raw) {
        Optional<URI> sms = ConfigLoader.text(raw, Setting.SMS_URL).map(u -> {
            try {
                URI uri = new URI(u);
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw ConfigLoader.invalid(raw, Setting.SMS_URL, "an http(s) URL of the SMS gateway");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw ConfigLoader.invalid(raw, Setting.SMS_URL, "an http(s) URL of the SMS gateway");
            }
        });
        String template = ConfigLoader.text(raw, Setting.SMS_TEMPLATE).orElse(VisitSettings.DEFAULT_SMS_TEMPLATE);
        if (!template.contains("{{to}}") || !template.contains("{{text}}")) {
            throw ConfigLoader.invalid(raw, Setting.SMS_TEMPLATE, "a JSON body with {{to}} and {{text}} placeholders");
        }
        return new VisitSettings(Duration.ofSeconds(ConfigLoader.whole(raw, Setting.VISITS_TICK_SECONDS)),
                ConfigLoader.whole(raw, Setting.VISITS_POW_BITS), sms, template, ConfigLoader.text(raw, Setting.SMS_AUTHORIZATION));
    }
}
