package org.confer.mail;

import java.util.Optional;

/**
 * Where the outbox is delivered (CONFER_SMTP_*; README). Without a host nothing is sent and
 * the outbox is what an admin reads.
 */
public record SmtpSettings(String host, int port, Optional<String> username, Optional<String> password, String from,
                           boolean startTls) {}
