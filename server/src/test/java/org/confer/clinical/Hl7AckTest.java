package org.confer.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.confer.clinical.Hl7Ack.Code;
import org.confer.clinical.Hl7Ack.Condition;
import org.junit.jupiter.api.Test;

/** The ACKs Confer answers with (original mode), for accepted, refused and unreadable messages. */
class Hl7AckTest {
    private final Hl7Results hl7 = new Hl7Results(Hl7ResultsTest.CLOCK);

    private static String[] segments(String ack) {
        assertThat(ack).endsWith("\r").doesNotContain("\n");
        return ack.split("\r");
    }

    private static String field(String segment, int n) {
        String[] f = segment.split("\\|", -1);
        // MSH-n is f[n - 1] because MSH-1 is the separator itself; other segments' n is f[n].
        return segment.startsWith("MSH") ? f[n - 1] : n < f.length ? f[n] : "";
    }

    @Test
    void an_accepted_message_gets_aa_with_sender_and_receiver_swapped_and_its_control_id() {
        String ack = hl7.ack(hl7.parse(Examples.bytes("oru-2.5.1-critical-potassium.hl7")));
        String[] s = segments(ack);
        assertThat(s).hasSize(2);
        assertThat(field(s[0], 3)).isEqualTo("CONFER");
        assertThat(field(s[0], 4)).isEqualTo("CONFER");
        assertThat(field(s[0], 5)).isEqualTo("WINPATH");
        assertThat(field(s[0], 6)).isEqualTo("NGH^RNS^L");
        assertThat(field(s[0], 7)).isEqualTo("20261207110600+0000");
        assertThat(field(s[0], 9)).isEqualTo("ACK^R01^ACK");
        assertThat(field(s[0], 10)).hasSize(20).isNotEqualTo("NGH251000455");
        assertThat(field(s[0], 11)).isEqualTo("P");
        assertThat(field(s[0], 12)).isEqualTo("2.5.1");
        assertThat(s[1]).isEqualTo("MSA|AA|NGH251000455");
    }

    @Test
    void each_ack_has_its_own_control_id() {
        String one = hl7.ack(hl7.parse(Examples.bytes("oru-2.5.hl7")));
        String two = hl7.ack(hl7.parse(Examples.bytes("oru-2.5.hl7")));
        assertThat(field(segments(one)[0], 10)).isNotEqualTo(field(segments(two)[0], 10));
    }

    @Test
    void an_application_error_in_2_5_1_carries_msa_3_and_an_err_segment_with_the_hl7_code() {
        String text = Examples.text("oru-2.5.1-critical-potassium.hl7").replace("9434765870^", "9434765871^");
        String[] s = segments(hl7.ack(hl7.parse(text)));
        assertThat(s).hasSize(3);
        assertThat(field(s[1], 1)).isEqualTo("AE");
        assertThat(field(s[1], 2)).isEqualTo("NGH251000455");
        assertThat(field(s[1], 3)).isEqualTo("invalid NHS number in PID-3 (modulus 11)");
        assertThat(field(s[2], 3)).isEqualTo("102^Data type error^HL70357");
        assertThat(field(s[2], 4)).isEqualTo("E");
        assertThat(field(s[2], 8)).isEqualTo("invalid NHS number in PID-3 (modulus 11)");
    }

    @Test
    void a_rejection_in_2_3_puts_the_error_in_err_1_and_names_the_ack_as_2_3_does() {
        String text = Examples.text("oru-2.3.hl7").replace("ORU^R01", "ORU^R03");
        String[] s = segments(hl7.ack(hl7.parse(text)));
        assertThat(field(s[0], 9)).isEqualTo("ACK^R03");
        assertThat(field(s[0], 12)).isEqualTo("2.3");
        assertThat(field(s[1], 1)).isEqualTo("AR");
        assertThat(field(s[1], 2)).isEqualTo("NGH23000451");
        assertThat(s[2]).isEqualTo("ERR|^^^201&Unsupported event code&HL70357");
    }

    @Test
    void an_admission_is_answered_ar_in_its_own_version() {
        String[] s = segments(hl7.ack(hl7.parse(Examples.bytes("adt-a01.hl7"))));
        assertThat(field(s[0], 5)).isEqualTo("PAS");
        assertThat(field(s[0], 9)).isEqualTo("ACK^A01^ACK");
        assertThat(field(s[0], 12)).isEqualTo("2.4");
        assertThat(s[1]).isEqualTo("MSA|AR|PAS0001|unsupported message type ADT\\S\\A01 (only ORU\\S\\R01)");
        assertThat(field(s[2], 1)).isEqualTo("^^^200&Unsupported message type&HL70357");
    }

    @Test
    void an_unparsable_message_is_answered_from_whatever_its_msh_shows() {
        byte[] broken = "MSH|^~\\&|LIMS|LAB1|CONFER|CONFER|2026||ORU^R01|X42|P|2.5.1\rPID|1||".getBytes(StandardCharsets.US_ASCII);
        String ack = hl7.ack(broken, Code.AR, Condition.DATA_TYPE_ERROR, "unparsable: bad PID");
        String[] s = segments(ack);
        assertThat(field(s[0], 5)).isEqualTo("LIMS");
        assertThat(field(s[0], 6)).isEqualTo("LAB1");
        assertThat(s[1]).isEqualTo("MSA|AR|X42|unparsable: bad PID");
    }

    @Test
    void garbage_is_answered_with_an_empty_control_id_in_2_5_1() {
        String ack = hl7.ack(hl7.parse("hello\r"));
        String[] s = segments(ack);
        assertThat(s[0]).startsWith("MSH|^~\\&|||||20261207110600+0000||ACK^R01^ACK|");
        assertThat(field(s[0], 12)).isEqualTo("2.5.1");
        assertThat(s[1]).startsWith("MSA|AR||unparsable");
    }

    @Test
    void reason_text_is_escaped_stripped_of_line_breaks_and_kept_ascii() {
        String ack = hl7.ack(Hl7Header.read(Examples.text("oru-2.5.hl7")), Code.AE, null,
                "bad | value ^ in\rOBX~5 \\ for Siân");
        String[] s = segments(ack);
        assertThat(s).hasSize(3);
        assertThat(field(s[1], 3)).isEqualTo("bad \\F\\ value \\S\\ in OBX\\R\\5 \\E\\ for Si?n");
        assertThat(field(s[2], 3)).isEqualTo("207^Application internal error^HL70357");
    }

    @Test
    void a_long_reason_is_cut_to_80_characters_in_msa_3() {
        String ack = hl7.ack(Hl7Header.read(Examples.text("oru-2.5.hl7")), Code.AE, Condition.UNKNOWN_KEY_IDENTIFIER,
                "x".repeat(500));
        String[] s = segments(ack);
        assertThat(field(s[1], 3)).hasSize(80);
        assertThat(field(s[2], 8)).hasSize(250);
    }

    @Test
    void a_message_with_its_own_delimiters_is_answered_in_them() {
        String text = Examples.text("oru-2.5.hl7").replace('|', '#').replace("#^~\\&#", "#^~\\&#");
        Hl7Results.Outcome outcome = hl7.parse(text);
        assertThat(outcome).isInstanceOf(Hl7Results.Parsed.class);
        String ack = hl7.ack(outcome);
        assertThat(ack).startsWith("MSH#^~\\&#CONFER#CONFER#WINPATH#NGH^RNS^L#").contains("\rMSA#AA#NGH25000454\r");
    }

    @Test
    void header_fields_with_control_characters_are_not_copied_into_the_ack() {
        String text = "MSH|^~\\&|LI\u0001MS|LAB\u00e9|||2026||ORU^R01|X1|P|2.5\rPID|1\r";
        String ack = hl7.ack(text, Code.AR, null, "x");
        assertThat(field(segments(ack)[0], 5)).isEqualTo("LIMS");
        assertThat(field(segments(ack)[0], 6)).isEqualTo("LAB");
    }
}
