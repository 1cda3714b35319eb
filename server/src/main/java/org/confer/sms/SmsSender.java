package org.confer.sms;

/**
 * Sends one text message. An interface because there are two real senders (the HTTP gateway of
 * the trust's provider, and the fake gateway in tests); when SMS is not configured callers hold
 * an empty {@code Optional<SmsSender>} rather than a sender that does nothing.
 */
public interface SmsSender {
    /**
     * @param to the mobile number as the visitor gave it
     * @throws SmsException when the message was not accepted; the caller logs it (SMS is a courtesy, the email is the record)
     */
    void send(String to, String text) throws SmsException;
}
