package org.confer.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives, the parsers answer with an outcome (a result or a refusal), never an
 * exception that would drop the connection without an ACK; and they can be shared by threads.
 */
class MalformedInputTest {
    private final Hl7Results hl7 = new Hl7Results(Hl7ResultsTest.CLOCK);

    private static final String[] EXAMPLES = {"oru-2.3.hl7", "oru-2.3.1.hl7", "oru-2.4.hl7", "oru-2.5.hl7",
        "oru-2.5.1-critical-potassium.hl7", "oru-2.5.1-sars-cov-2.hl7", "oru-2.5.1-multi-obx.hl7",
        "oru-2.4-two-orders.hl7", "oru-2.5.1-escaped.hl7"};
    private static final byte[] NASTY = "|^~\\&\r\n\u000b\u001c\u0000MSHOBXOBRPID0123456789 ÿ".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void thousands_of_mutated_messages_each_get_an_outcome_and_an_ack() {
        Random random = new Random(20261207);
        for (int n = 0; n < 3000; n++) {
            byte[] bytes = Examples.bytes(EXAMPLES[random.nextInt(EXAMPLES.length)]);
            for (int edits = 1 + random.nextInt(6); edits > 0; edits--) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(3)) {
                    case 0 -> bytes[at] = NASTY[random.nextInt(NASTY.length)];
                    case 1 -> bytes = java.util.Arrays.copyOf(bytes, at); // cut short
                    default -> {
                        byte[] longer = new byte[bytes.length + 1];
                        System.arraycopy(bytes, 0, longer, 0, at);
                        longer[at] = NASTY[random.nextInt(NASTY.length)];
                        System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                        bytes = longer;
                    }
                }
                if (bytes.length == 0) {
                    break;
                }
            }
            byte[] message = bytes;
            assertThatCode(() -> {
                Hl7Results.Outcome outcome = hl7.parse(message);
                String ack = hl7.ack(outcome);
                assertThat(ack).startsWith("MSH").contains("\rMSA");
                assertThat(ack.chars().allMatch(c -> c >= 0x20 && c < 0x7F || c == '\r')).isTrue();
            }).as("mutation %d: %s", n, new String(message, StandardCharsets.ISO_8859_1).replace('\r', '/'))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void odd_json_gets_an_operation_outcome_not_an_exception() {
        String[] inputs = {"null", "[]", "{}", "42", "\"DiagnosticReport\"", "{\"resourceType\":\"Bundle\"}",
            "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{}]}",
            "{\"resourceType\":\"DiagnosticReport\",\"status\":\"nonsense\"}",
            "{\"resourceType\":\"DiagnosticReport\",\"issued\":\"yesterday\"}",
            "{\"resourceType\":\"DiagnosticReport\",\"result\":[{\"reference\":\"#\"}]}",
            "{\"resourceType\":\"DiagnosticReport\",\"subject\":{\"reference\":\"#missing\"}}",
            "[".repeat(100_000), "{\"a\":".repeat(50_000)};
        for (String input : inputs) {
            assertThatCode(() -> assertThat(FhirResultsTest.FHIR.parse(input, "org-1"))
                    .isInstanceOf(FhirResults.Invalid.class))
                    .as(input.length() > 80 ? input.substring(0, 80) : input).doesNotThrowAnyException();
        }
    }

    @Test
    void one_parser_serves_many_threads_at_once() throws Exception {
        List<Hl7Results.Outcome> expected = new ArrayList<>();
        for (String name : EXAMPLES) {
            expected.add(hl7.parse(Examples.bytes(name)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 400; t++) {
                int i = t % EXAMPLES.length;
                runs.add(pool.submit(() -> hl7.parse(Examples.bytes(EXAMPLES[i])).equals(expected.get(i))
                        && FhirResultsTest.FHIR.parse(Examples.text("diagnostic-report-bundle.json"), "o")
                                instanceof FhirResults.Parsed));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
