package org.confer.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.confer.clinical.Hl7Results.Outcome;
import org.confer.clinical.Hl7Results.Parsed;
import org.confer.clinical.ResultReport.Clinician;
import org.confer.clinical.ResultReport.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ORU^R01 messages Confer takes, version by version, and what it reads from them. */
class Hl7ResultsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T11:06:00Z"), ZoneOffset.UTC);
    private final Hl7Results hl7 = new Hl7Results(CLOCK);

    static ResultReport only(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Parsed.class);
        List<ResultReport> reports = ((Parsed) outcome).reports();
        assertThat(reports).hasSize(1);
        return reports.getFirst();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "oru-2.3.hl7, 2.3, NGH23000451, FBC, 3",
        "oru-2.3.1.hl7, 2.3.1, NGH231000452, CRP, 1",
        "oru-2.4.hl7, 2.4, NGH24000453, UE, 5",
        "oru-2.5.hl7, 2.5, NGH25000454, LFT, 3",
        "oru-2.5.1-critical-potassium.hl7, 2.5.1, NGH251000455, K, 1",
    })
    void every_supported_version_gives_one_report_per_order(String file, String version, String controlId,
            String test, int observations) {
        ResultReport r = only(hl7.parse(Examples.bytes(file)));
        assertThat(r.hl7Version()).isEqualTo(version);
        assertThat(r.sourceId()).isEqualTo(controlId);
        assertThat(r.sendingFacility()).isEqualTo("NGH");
        assertThat(r.testCode()).isEqualTo(test);
        assertThat(r.observations()).hasSize(observations);
        assertThat(r.status()).isEqualTo("F");
    }

    @Test
    void a_2_3_full_blood_count_reads_patient_order_and_each_result() {
        ResultReport r = only(hl7.parse(Examples.text("oru-2.3.hl7")));
        assertThat(r.nhsNumber()).isEqualTo("9434765919");
        assertThat(r.patientIds()).containsExactly(NhsNumber.SYSTEM + "|9434765919", "NGH|H123456");
        assertThat(r.patientName()).isEqualTo("SMITH, Jane Anne");
        assertThat(r.placerOrderNumber()).isEqualTo("ORD4471");
        assertThat(r.fillerOrderNumber()).isEqualTo("NGH26H0012");
        assertThat(r.testName()).isEqualTo("Full blood count");
        assertThat(r.specimen()).isEqualTo("Blood");
        assertThat(r.lab()).isEqualTo("NGH");
        // No offset in the message: UK local time (GMT in December).
        assertThat(r.collectedAt()).isEqualTo(OffsetDateTime.parse("2026-12-07T08:15:00Z"));
        assertThat(r.reportedAt()).isEqualTo(OffsetDateTime.parse("2026-12-07T09:30:00Z"));
        assertThat(r.orderers()).containsExactly(new Clinician("GMC", "4812345", "Dr Amara OKAFOR"));
        assertThat(r.observations()).containsExactly(
                new Observation("HB", "Haemoglobin", "128", "g/L", "115-165", List.of("N"), false, "F",
                        OffsetDateTime.parse("2026-12-07T09:25:00Z")),
                new Observation("WBC", "White cell count", "11.8", "10*9/L", "4.0-11.0", List.of("H"), false, "F",
                        OffsetDateTime.parse("2026-12-07T09:25:00Z")),
                new Observation("PLT", "Platelets", "245", "10*9/L", "150-400", List.of("N"), false, "F",
                        OffsetDateTime.parse("2026-12-07T09:25:00Z")));
        assertThat(r.critical()).isFalse();
    }

    @Test
    void summer_times_without_an_offset_are_british_summer_time() {
        String july = Examples.text("oru-2.3.1.hl7").replace("20261207094000", "20260707094000");
        assertThat(only(hl7.parse(july)).reportedAt()).isEqualTo(OffsetDateTime.parse("2026-07-07T09:40:00+01:00"));
    }

    @Test
    void a_critical_potassium_is_critical_with_its_specimen_and_performing_lab() {
        ResultReport r = only(hl7.parse(Examples.bytes("oru-2.5.1-critical-potassium.hl7")));
        assertThat(r.critical()).isTrue();
        Observation k = r.observations().getFirst();
        assertThat(k.value()).isEqualTo("6.9");
        assertThat(k.units()).isEqualTo("mmol/L");
        assertThat(k.referenceRange()).isEqualTo("3.5-5.3");
        assertThat(k.abnormalFlags()).containsExactly("HH");
        assertThat(k.critical()).isTrue();
        assertThat(r.specimen()).isEqualTo("Serum specimen");
        assertThat(r.lab()).isEqualTo("Northgate Pathology Laboratory");
        assertThat(r.nhsNumber()).isEqualTo("9434765870");
        assertThat(r.reportedAt()).isEqualTo(OffsetDateTime.parse("2026-12-07T11:05:00Z"));
        assertThat(r.orderers()).containsExactly(new Clinician("GMC", "7012345", "Dr Ravi PATEL"));
    }

    @ParameterizedTest(name = "{0} is critical")
    @CsvSource({"HH", "LL", "AA"})
    void panic_flags_make_a_result_critical(String flag) {
        String message = Examples.text("oru-2.4.hl7").replace("|5.8|mmol/L|3.5-5.3|H|", "|5.8|mmol/L|3.5-5.3|" + flag + "|");
        assertThat(only(hl7.parse(message)).critical()).isTrue();
    }

    @ParameterizedTest(name = "{0} is not critical")
    @CsvSource({"H", "L", "A", "N", ">", "<"})
    void other_flags_do_not(String flag) {
        String message = Examples.text("oru-2.4.hl7").replace("|5.8|mmol/L|3.5-5.3|H|", "|5.8|mmol/L|3.5-5.3|" + flag + "|");
        assertThat(only(hl7.parse(message)).critical()).isFalse();
    }

    @Test
    void orderers_come_from_obr_16_and_orc_12_with_their_professional_register() {
        ResultReport r = only(hl7.parse(Examples.text("oru-2.4.hl7")));
        assertThat(r.orderers()).containsExactly(
                new Clinician("GMC", "7012345", "Dr Ravi PATEL"),
                new Clinician("NMC", "12A3456E", "Sian HUGHES"));
    }

    @Test
    void an_orderer_of_an_unknown_authority_is_local_and_one_without_an_id_is_skipped() {
        String message = Examples.text("oru-2.3.1.hl7")
                .replace("4812345^OKAFOR^Amara^^^Dr^^^GMC", "C123^OKAFOR^Amara^^^Dr^^^NGHDOCS~^NOBODY^No");
        assertThat(only(hl7.parse(message)).orderers()).containsExactly(new Clinician("LOCAL", "C123", "Dr Amara OKAFOR"));
    }

    @Test
    void repeating_abnormal_flags_and_orderers_are_all_kept() {
        ResultReport r = only(hl7.parse(Examples.text("oru-2.5.1-multi-obx.hl7")));
        assertThat(r.observations()).hasSize(5);
        assertThat(r.observations().getFirst().abnormalFlags()).containsExactly("H", "A");
        assertThat(r.observations()).extracting(Observation::referenceRange)
                .containsExactly("<5.0", ">1.2", "<3.0", "<1.7", "<4.0");
        assertThat(r.orderers()).extracting(Clinician::value).containsExactly("4812345", "7012345");
    }

    @Test
    void a_coded_value_reads_as_its_text() {
        ResultReport r = only(hl7.parse(Examples.text("oru-2.5.1-sars-cov-2.hl7")));
        assertThat(r.observations().getFirst().value()).isEqualTo("Detected");
        assertThat(r.observations().getFirst().name()).isEqualTo("SARS-CoV-2 RNA");
        assertThat(r.specimen()).isEqualTo("Nasopharyngeal swab");
    }

    @Test
    void a_structured_numeric_value_is_joined() {
        String message = Examples.text("oru-2.3.1.hl7").replace("|NM|CRP^C-reactive protein^WINPATH||64|",
                "|SN|CRP^C-reactive protein^WINPATH||<^5|");
        assertThat(only(hl7.parse(message)).observations().getFirst().value()).isEqualTo("<5");
    }

    @Test
    void escaped_delimiters_are_unescaped_into_plain_text() {
        ResultReport r = only(hl7.parse(Examples.text("oru-2.5.1-escaped.hl7")));
        assertThat(r.testName()).isEqualTo("Urine microscopy&culture");
        assertThat(r.observations().getFirst().value())
                .isEqualTo("E. coli | >10^5 CFU/mL\nSensitive: nitrofurantoin~trimethoprim \\ see policy");
        assertThat(r.specimen()).isEqualTo("Urine");
    }

    @Test
    void hex_line_breaks_and_highlighting_escapes_become_plain_text() {
        String message = Examples.text("oru-2.5.1-escaped.hl7").replace(
                "E. coli \\F\\ >10\\S\\5 CFU/mL\\.br\\Sensitive: nitrofurantoin\\R\\trimethoprim \\E\\ see policy",
                "Line one\\X0D\\Line two\\X0D0A\\Line \\H\\three\\N\\\\.sp\\Four");
        assertThat(only(hl7.parse(message)).observations().getFirst().value())
                .isEqualTo("Line one\nLine two\nLine three\nFour");
    }

    @Test
    void two_orders_in_one_message_give_two_reports_numbered_after_the_control_id() {
        Outcome outcome = hl7.parse(Examples.text("oru-2.4-two-orders.hl7"));
        assertThat(outcome).isInstanceOf(Parsed.class);
        List<ResultReport> reports = ((Parsed) outcome).reports();
        assertThat(reports).extracting(ResultReport::sourceId).containsExactly("NGH24000458/1", "NGH24000458/2");
        assertThat(reports).extracting(ResultReport::testCode).containsExactly("FBC", "CRP");
        assertThat(reports).extracting(ResultReport::critical).containsExactly(true, false);
    }

    @Test
    void utf_8_is_read_when_msh_18_says_so_and_latin_1_otherwise() {
        String utf8 = Examples.text("oru-2.5.1-critical-potassium.hl7").replace("JONES^David", "JONES^Siân");
        assertThat(only(hl7.parse(utf8.getBytes(java.nio.charset.StandardCharsets.UTF_8))).patientName())
                .isEqualTo("JONES, Siân Huw");
        String latin1 = Examples.text("oru-2.5.hl7").replace("SMITH^Jane", "SMITH^Zoë");
        assertThat(only(hl7.parse(latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).patientName())
                .isEqualTo("SMITH, Zoë Anne");
    }

    @Test
    void without_msh_18_valid_utf_8_is_read_as_utf_8_and_anything_else_as_latin_1() {
        String message = Examples.text("oru-2.5.hl7").replace("SMITH^Jane", "SMITH^Zoë");
        assertThat(only(hl7.parse(message.getBytes(java.nio.charset.StandardCharsets.UTF_8))).patientName())
                .isEqualTo("SMITH, Zoë Anne");
        assertThat(only(hl7.parse(message.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).patientName())
                .isEqualTo("SMITH, Zoë Anne");
    }

    @Test
    void msh_18_8859_1_is_latin_1_even_when_the_bytes_happen_to_be_valid_utf_8() {
        String message = Examples.text("oru-2.5.hl7").replace("|P|2.5", "|P|2.5||||||8859/1")
                .replace("SMITH^Jane", "SMITH^Zoë");
        assertThat(only(hl7.parse(message.getBytes(java.nio.charset.StandardCharsets.UTF_8))).patientName())
                .isEqualTo("SMITH, ZoÃ« Anne");
    }

    @Test
    void line_feeds_are_taken_as_segment_breaks() {
        String lf = Examples.text("oru-2.3.hl7").replace('\r', '\n');
        assertThat(only(hl7.parse(lf)).observations()).hasSize(3);
        String crlf = Examples.text("oru-2.3.hl7").replace("\r", "\r\n");
        assertThat(only(hl7.parse(crlf)).observations()).hasSize(3);
    }

    @Test
    void local_z_segments_are_ignored() {
        String message = Examples.text("oru-2.3.hl7").replace("PV1|", "ZPI|1|local stuff\rPV1|") + "ZRS|1|end\r";
        assertThat(only(hl7.parse(message)).observations()).hasSize(3);
    }

    @Test
    void an_old_feed_with_the_nhs_number_in_pid_2_is_read() {
        String message = Examples.text("oru-2.3.1.hl7")
                .replace("PID|1||9434765919^^^NHS^NH~H123456^^^NGH^MR|", "PID|1|943 476 5919^^^NHS|H123456^^^NGH^MR|");
        ResultReport r = only(hl7.parse(message));
        assertThat(r.nhsNumber()).isEqualTo("9434765919");
        assertThat(r.patientIds()).containsExactly("NGH|H123456", NhsNumber.SYSTEM + "|9434765919");
    }

    @Test
    void a_patient_without_an_nhs_number_but_with_a_hospital_number_is_taken() {
        String message = Examples.text("oru-2.3.1.hl7").replace("9434765919^^^NHS^NH~", "");
        ResultReport r = only(hl7.parse(message));
        assertThat(r.nhsNumber()).isNull();
        assertThat(r.patientIds()).containsExactly("NGH|H123456");
    }
}
