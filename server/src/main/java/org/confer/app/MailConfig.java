package org.confer.app;

import java.util.Map;
import java.util.Optional;
import org.confer.app.ConfigLoader.Raw;
import org.confer.app.ConfigLoader.Setting;
import org.confer.mail.SmtpSettings;

/**
 * The mail settings of {@link ConfigLoader}: SMTP, or none (mail then stays in the outbox an
 * admin reads). A password without a user name, or a sender that is not an address, is refused at
 * start-up rather than found when the first invitation fails.
 */
final class MailConfig {

    private MailConfig() {}

    /** SMTP when CONFER_SMTP_HOST is set; the sender defaults to confer@ the public address's host. */
    static Optional<SmtpSettings> parse(Map<Setting, Raw> raw, String baseUrl) {
        Optional<String> host = ConfigLoader.text(raw, Setting.SMTP_HOST);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        if (!host.get().matches("[A-Za-z0-9.:\\[\\]-]+")) {
            throw ConfigLoader.invalid(raw, Setting.SMTP_HOST, "a host name or address such as smtp.trust.nhs.uk");
        }
        Optional<String> username = ConfigLoader.text(raw, Setting.SMTP_USERNAME);
        Optional<String> password = ConfigLoader.text(raw, Setting.SMTP_PASSWORD);
        if (password.isPresent() && username.isEmpty()) {
            throw ConfigLoader.invalid(raw, Setting.SMTP_USERNAME, "a user name, since CONFER_SMTP_PASSWORD is set");
        }
        String from = ConfigLoader.text(raw, Setting.SMTP_FROM).orElse("confer@" + java.net.URI.create(baseUrl).getHost());
        if (!from.matches("[^@\\s<>]+@[^@\\s<>]+")) {
            throw ConfigLoader.invalid(raw, Setting.SMTP_FROM, "a mail address such as confer@trust.nhs.uk");
        }
        return Optional.of(new SmtpSettings(host.get(), ConfigLoader.whole(raw, Setting.SMTP_PORT), username, password, from,
                ConfigLoader.bool(raw, Setting.SMTP_STARTTLS)));
    }
}
