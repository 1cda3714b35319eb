package org.confer.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import org.confer.clinical.Hl7Ack.Code;
import org.confer.clinical.Hl7Ack.Condition;
import org.confer.clinical.Hl7Results.Outcome;
import org.confer.clinical.Hl7Results.Rejected;
import org.junit.jupiter.api.Test;

/** Messages Confer refuses, whole: AR when it is not a readable ORU^R01, AE when it cannot be used. */
class Hl7RejectionsTest {
    private final Hl7Results hl7 = new Hl7Results(Hl7ResultsTest.CLOCK);

    private static Rejected rejected(Outcome outcome, Code code, Condition condition) {
        assertThat(outcome).isInstanceOf(Rejected.class);
        Rejected r = (Rejected) outcome;
        assertThat(r.code()).as(r.reason()).isEqualTo(code);
        assertThat(r.condition()).as(r.reason()).isEqualTo(condition);
        return r;
    }

    @Test
    void an_admission_is_rejected_as_an_unsupported_message_type() {
        Rejected r = rejected(hl7.parse(Examples.bytes("adt-a01.hl7")), Code.AR, Condition.UNSUPPORTED_MESSAGE_TYPE);
        assertThat(r.reason()).contains("ADT^A01");
        assertThat(r.controlId()).isEqualTo("PAS0001");
    }

    @Test
    void an_oru_of_another_event_is_rejected() {
        String r30 = Examples.text("oru-2.5.hl7").replace("ORU^R01^ORU_R01", "ORU^R30^ORU_R30");
        assertThat(rejected(hl7.parse(r30), Code.AR, Condition.UNSUPPORTED_EVENT_CODE).reason()).contains("ORU^R30");
    }

    @Test
    void versions_other_than_2_3_to_2_5_1_are_rejected() {
        for (String version : new String[] {"2.2", "2.6", "2.7", "3.0", ""}) {
            String message = Examples.text("oru-2.5.hl7").replace("|P|2.5", "|P|" + version);
            rejected(hl7.parse(message), Code.AR, Condition.UNSUPPORTED_VERSION_ID);
        }
    }

    @Test
    void training_and_debugging_messages_are_rejected_so_they_never_alert_anyone() {
        for (String id : new String[] {"T", "D"}) {
            String message = Examples.text("oru-2.5.hl7").replace("|P|2.5", "|" + id + "|2.5");
            rejected(hl7.parse(message), Code.AR, Condition.UNSUPPORTED_PROCESSING_ID);
        }
    }

    @Test
    void a_message_without_a_control_id_is_rejected() {
        String message = Examples.text("oru-2.5.hl7").replace("|NGH25000454|", "||");
        rejected(hl7.parse(message), Code.AR, Condition.REQUIRED_FIELD_MISSING);
    }

    @Test
    void text_that_is_not_hl7_is_rejected_as_unparsable() {
        Rejected r = rejected(hl7.parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), Code.AR, Condition.SEGMENT_SEQUENCE_ERROR);
        assertThat(r.reason()).startsWith("unparsable");
        assertThat(r.controlId()).isEmpty();
        rejected(hl7.parse(""), Code.AR, Condition.SEGMENT_SEQUENCE_ERROR);
        rejected(hl7.parse(new byte[] {0, 1, 2}), Code.AR, Condition.SEGMENT_SEQUENCE_ERROR);
    }

    @Test
    void a_line_break_inside_a_comment_rejects_the_message_instead_of_making_a_segment_of_its_tail() {
        String message = Examples.text("oru-2.3.hl7").replace("|245|10*9/L|", "|245 (clumped,\rplease repeat)|10*9/L|");
        Rejected r = rejected(hl7.parse(message), Code.AR, Condition.SEGMENT_SEQUENCE_ERROR);
        assertThat(r.reason()).contains("malformed segment on line 9");
    }

    @Test
    void a_line_break_whose_tail_looks_like_a_segment_id_of_another_message_is_rejected() {
        String message = Examples.text("oru-2.3.hl7").replace("|245|10*9/L|", "|245 see\rEVN|note|10*9/L|");
        assertThat(rejected(hl7.parse(message), Code.AR, Condition.SEGMENT_SEQUENCE_ERROR).reason())
                .contains("unexpected segment EVN");
    }

    @Test
    void a_line_break_followed_by_lower_case_text_is_rejected() {
        String message = Examples.text("oru-2.3.hl7").replace("|245|10*9/L|", "|245\robx|3|10*9/L|");
        rejected(hl7.parse(message), Code.AR, Condition.SEGMENT_SEQUENCE_ERROR);
    }

    @Test
    void a_second_message_header_inside_a_message_is_rejected_rather_than_read_as_another_result() {
        String message = Examples.text("oru-2.3.hl7") + Examples.text("oru-2.3.1.hl7");
        assertThat(rejected(hl7.parse(message), Code.AR, Condition.SEGMENT_SEQUENCE_ERROR).reason())
                .contains("second MSH");
    }

    @Test
    void a_result_before_any_order_is_rejected() {
        String text = Examples.text("oru-2.3.1.hl7");
        int obr = text.indexOf("OBR|");
        int obx = text.indexOf("OBX|");
        String moved = text.substring(0, obr) + text.substring(obx) + text.substring(obr, obx)
                + "OBX|2|NM|X^Extra^L||1|||N|||F\r";
        rejected(hl7.parse(moved), Code.AR, Condition.SEGMENT_SEQUENCE_ERROR);
    }

    @Test
    void a_segment_id_too_short_or_without_a_field_separator_is_rejected() {
        String text = Examples.text("oru-2.3.hl7");
        rejected(hl7.parse(text.replace("PV1|1|I|", "PV|1|I|")), Code.AR, Condition.SEGMENT_SEQUENCE_ERROR);
        rejected(hl7.parse(text.replace("PV1|1|I|", "PV1 1|I|")), Code.AR, Condition.SEGMENT_SEQUENCE_ERROR);
    }

    @Test
    void a_message_without_a_patient_is_an_application_error() {
        String text = Examples.text("oru-2.3.1.hl7");
        String noPid = text.replaceAll("PID\\|[^\r]*\r", "");
        rejected(hl7.parse(noPid), Code.AE, Condition.REQUIRED_FIELD_MISSING);
    }

    @Test
    void a_patient_without_any_identifier_is_an_application_error() {
        String text = Examples.text("oru-2.3.1.hl7").replace("9434765919^^^NHS^NH~H123456^^^NGH^MR", "");
        assertThat(rejected(hl7.parse(text), Code.AE, Condition.REQUIRED_FIELD_MISSING).reason()).contains("PID-3");
    }

    @Test
    void an_nhs_number_failing_modulus_11_is_an_application_error() {
        String text = Examples.text("oru-2.3.1.hl7").replace("9434765919^", "9434765918^");
        assertThat(rejected(hl7.parse(text), Code.AE, Condition.DATA_TYPE_ERROR).reason()).contains("NHS number");
    }

    @Test
    void an_nhs_number_is_recognised_by_type_or_oid_as_well_as_authority() {
        String byType = Examples.text("oru-2.3.1.hl7").replace("9434765919^^^NHS^NH", "9434765918^^^^NH");
        rejected(hl7.parse(byType), Code.AE, Condition.DATA_TYPE_ERROR);
        String byOid = Examples.text("oru-2.3.1.hl7")
                .replace("9434765919^^^NHS^NH", "9434765918^^^&2.16.840.1.113883.2.1.4.1&ISO");
        rejected(hl7.parse(byOid), Code.AE, Condition.DATA_TYPE_ERROR);
    }

    @Test
    void two_different_nhs_numbers_for_one_patient_are_an_application_error() {
        String text = Examples.text("oru-2.3.1.hl7").replace("~H123456^^^NGH^MR", "~9434765870^^^NHS^NH");
        rejected(hl7.parse(text), Code.AE, Condition.DATA_TYPE_ERROR);
    }

    @Test
    void a_message_without_an_order_or_without_results_is_an_application_error() {
        String text = Examples.text("oru-2.3.1.hl7");
        rejected(hl7.parse(text.replaceAll("OBX\\|[^\r]*\r", "")), Code.AE, Condition.REQUIRED_FIELD_MISSING);
        rejected(hl7.parse(text.replaceAll("OBR\\|[^\r]*\r", "")), Code.AE, Condition.REQUIRED_FIELD_MISSING);
    }

    @Test
    void an_order_without_results_refuses_the_whole_message_not_just_that_order() {
        String text = Examples.text("oru-2.4-two-orders.hl7");
        String secondWithoutObx = text.substring(0, text.lastIndexOf("OBX|"));
        Rejected r = rejected(hl7.parse(secondWithoutObx), Code.AE, Condition.REQUIRED_FIELD_MISSING);
        assertThat(r.reason()).contains("order 2");
    }
}
