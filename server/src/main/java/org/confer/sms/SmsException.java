package org.confer.sms;

/**
 * A message the gateway did not accept. Checked, because every caller must decide what a failed
 * SMS means for it (a reminder logs it and goes on). The message never contains the number or the
 * text: it ends up in logs.
 */
public class SmsException extends Exception {
    public SmsException(String message) {
        super(message);
    }

    public SmsException(String message, Throwable cause) {
        super(message, cause);
    }
}
