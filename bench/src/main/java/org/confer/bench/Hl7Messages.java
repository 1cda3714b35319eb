package org.confer.bench;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The lab system's side of the results scenario: ORU^R01 2.5.1 messages as a laboratory
 * information system sends them (one order, one potassium observation), NHS numbers with a valid
 * modulus-11 check digit, and the MLLP frame around a message. Every message carries a marker,
 * {@code BR<index>X}, in its test names, so a receiver can tell which result an alert is for
 * without knowing the alert's wording.
 */
final class Hl7Messages {
    static final byte START = 0x0B;
    static final byte END = 0x1C;
    static final byte CR = 0x0D;
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Hl7Messages() {}

    /** What one result says and who ordered it. */
    record Result(String sendingFacility, String controlId, int index, String nhsNumber, String gmc, boolean critical) {}

    static String marker(int index) {
        return "BR" + index + "X";
    }

    /** The message, segments separated by CR as HL7 v2 requires. */
    static String oru(Result r, LocalDateTime now) {
        String ts = now.format(TS);
        String collected = now.minusMinutes(40).format(TS);
        String orderer = r.gmc() + "^Requester^" + marker(r.index()) + "^^^Dr^^^GMC";
        String value = r.critical() ? "6.9" : "4.2";
        String flag = r.critical() ? "HH" : "N";
        return String.join("\r",
                "MSH|^~\\&|BENCHLIS|" + r.sendingFacility() + "|CONFER|CONFER|" + ts + "||ORU^R01^ORU_R01|" + r.controlId() + "|P|2.5.1",
                "PID|1||" + r.nhsNumber() + "^^^NHS^NH||Bench^Patient " + r.index() + "||19700101|F",
                "ORC|RE|ORD" + r.index() + "|ACC" + r.index() + "||CM||||" + ts + "|||" + orderer,
                "OBR|1|ORD" + r.index() + "|ACC" + r.index() + "|U&E^Urea and electrolytes " + marker(r.index()) + "^L|||"
                        + collected + "|||||||||" + orderer + "||||||" + ts + "|||F",
                "OBX|1|NM|2823-3^Potassium " + marker(r.index()) + "^LN||" + value + "|mmol/L|3.5-5.3|" + flag + "|||F|||" + collected,
                "");
    }

    /** A valid NHS number (the 999 test range) for {@code seed}; seeds whose check digit would be 10 are skipped. */
    static String nhsNumber(int seed) {
        for (int s = seed * 11; ; s++) {
            String nine = String.format("999%06d", s % 1_000_000);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                return nine + "0";
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }

    /** The MLLP frame: start block, the message, end block, carriage return. */
    static byte[] frame(String message) {
        byte[] body = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        out[0] = START;
        System.arraycopy(body, 0, out, 1, body.length);
        out[body.length + 1] = END;
        out[body.length + 2] = CR;
        return out;
    }

    /** MSA-1 and MSA-2 (the acknowledgement code and the control id it answers) of an ACK; null when there is no MSA. */
    static String[] msa(String ack) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith("MSA")) {
                String[] f = segment.split("\\" + segment.charAt(3), -1);
                return new String[] {f.length > 1 ? f[1] : "", f.length > 2 ? f[2] : ""};
            }
        }
        return null;
    }
}
