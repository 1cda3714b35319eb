package org.confer.mail;

import java.util.UUID;

/**
 * One mail to write: to whom (an address, and the account and organisation behind it when there
 * is one, so an organisation admin reads only their own people's mail), a subject, a plain-text
 * body and optionally an iCalendar object sent as {@code text/calendar} with its METHOD.
 */
public record Mail(String toAddress, UUID toUserId, UUID toOrganisationId, String subject, String textBody, String ics) {}
