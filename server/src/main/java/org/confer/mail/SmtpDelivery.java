package org.confer.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one outbox row over SMTP with Jakarta Mail (Eclipse Angus). A mail with an iCalendar
 * object is {@code multipart/mixed}: a {@code multipart/alternative} of the text and the
 * {@code text/calendar; method=…} part (what Outlook and Gmail show as an invitation with
 * Accept/Decline), and the same object as an {@code invite.ics} attachment for everything else.
 */
final class SmtpDelivery {
    /** Connect and read timeouts: a stuck relay must not hold the sender for long; 20 s is generous for a LAN relay. */
    private static final String TIMEOUT_MS = "20000";
    private static final Pattern METHOD = Pattern.compile("(?m)^METHOD:([A-Z-]+)\\r?$");

    private final SmtpSettings settings;
    private final Session session;

    SmtpDelivery(SmtpSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        p.put("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        this.session = Session.getInstance(p);
    }

    void send(OutboxMail mail) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(settings.from()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.toAddress(), true));
        m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        if (mail.ics() == null) {
            m.setText(mail.textBody(), StandardCharsets.UTF_8.name());
        } else {
            m.setContent(withCalendar(mail));
        }
        m.setHeader("Message-ID", "<" + mail.id() + "@" + domainOf(settings.from()) + ">");
        if (settings.username().isPresent()) {
            Transport.send(m, settings.username().get(), settings.password().orElse(""));
        } else {
            Transport.send(m);
        }
    }

    private static MimeMultipart withCalendar(OutboxMail mail) throws MessagingException {
        Matcher method = METHOD.matcher(mail.ics());
        String calendarType = "text/calendar; charset=UTF-8; method=" + (method.find() ? method.group(1) : "PUBLISH");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.textBody(), StandardCharsets.UTF_8.name());
        MimeBodyPart calendar = new MimeBodyPart();
        calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.ics().getBytes(StandardCharsets.UTF_8), calendarType)));
        MimeMultipart alternative = new MimeMultipart("alternative", text, calendar);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.ics().getBytes(StandardCharsets.UTF_8),
                "application/ics; name=invite.ics")));
        attachment.setFileName("invite.ics");
        return new MimeMultipart("mixed", body, attachment);
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "confer.local" : address.substring(at + 1).replace(">", "").strip();
        return domain.isEmpty() ? "confer.local" : domain;
    }
}
