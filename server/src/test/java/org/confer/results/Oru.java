package org.confer.results;

/**
 * Realistic HL7 v2.5.1 ORU^R01 messages for tests (UK: NHS numbers valid modulus 11, GMC numbers,
 * potassium in mmol/L). Segments end with CR, as on the wire.
 */
record Oru(String facility, String controlId, String nhsNumber, String patient, String gmc, String testCode, String testName,
           String value, String flag, String type) {

    static final String NHS = "9434765919";
    static final String OTHER_NHS = "9434765870";

    static Oru potassium(String facility, String controlId, String gmc, String value, String flag) {
        return new Oru(facility, controlId, NHS, "SMITH^JOHN", gmc, "K", "Potassium", value, flag, "ORU^R01^ORU_R01");
    }

    Oru withNhs(String nhs) {
        return new Oru(facility, controlId, nhs, patient, gmc, testCode, testName, value, flag, type);
    }

    Oru withType(String t) {
        return new Oru(facility, controlId, nhsNumber, patient, gmc, testCode, testName, value, flag, t);
    }

    String text() {
        String orderer = gmc == null ? "" : gmc + "^JONES^ANNA^^^DR^^^GMC";
        return String.join("\r",
                "MSH|^~\\&|WINPATH|" + facility + "|CONFER|NBT|20261207061500||" + type + "|" + controlId + "|P|2.5.1|||AL|NE||UNICODE UTF-8",
                "PID|1||" + nhsNumber + "^^^NHS^NH||" + patient + "||19600101|M",
                "ORC|RE|ORD" + controlId + "|LAB" + controlId + "||CM||||20261207060000|||" + orderer,
                "OBR|1|ORD" + controlId + "|LAB" + controlId + "|UE^Urea and electrolytes^L|||20261207060000|||||||20261207061000|BLD&Blood|"
                        + orderer + "||||||20261207061500|||F",
                "OBX|1|NM|" + testCode + "^" + testName + "^L||" + value + "|mmol/L|3.5-5.3|" + flag + "|||F|||20261207061500") + "\r";
    }
}
