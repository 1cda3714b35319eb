package org.confer.bench;

/**
 * {@code java -jar bench/target/confer-bench.jar <scenario> [--url http://host:port[,...] | --start h2|postgres [--nodes N]] [--key value ...]}
 *
 * <p>Prints a table, then as the last line one JSON object. A run with lost, duplicated or
 * out-of-order deliveries exits with status 1: that is a failed run, not a slow one.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        boolean severalNodes = o.intValue("nodes", 1) > 1 || o.get("url", "").contains(",");
        if (severalNodes && !ServerUnderTest.multiNodeScenarios().contains(o.scenario())) {
            System.err.println("several nodes (--nodes, or several --url) are for " + ServerUnderTest.multiNodeScenarios()
                    + " only; " + o.scenario() + " runs on one node");
            System.exit(2);
            return;
        }
        Report report;
        try (ServerUnderTest server = ServerUnderTest.from(o)) {
            report = switch (o.scenario()) {
                case "fanout" -> FanoutScenario.run(o, server);
                case "rooms" -> RoomsScenario.run(o, server);
                case "ceiling" -> CeilingScenario.run(o, server);
                case "nhs-day" -> NhsDayScenario.run(o, server);
                case "resume" -> ResumeScenario.run(o, server);
                case "idle" -> IdleScenario.run(o, server);
                case "post" -> PostScenario.run(o, server);
                case "tti" -> TtiScenario.run(o, server);
                case "meetings" -> MeetingsScenario.run(o, server);
                case "results" -> ResultsScenario.run(o, server);
                case "visits" -> VisitsScenario.run(o, server);
                case "search" -> SearchScenario.run(o, server);
                case "usage" -> UsageScenario.run(o, server);
                default -> throw new IllegalArgumentException("unknown scenario " + o.scenario() + "; known: " + ServerUnderTest.scenarios());
            };
        }
        report.print();
        boolean ok = report.json.get("lost").asLong() == 0 && report.json.get("duplicates").asLong() == 0
                && report.json.get("outOfOrder").asLong() == 0
                // results: an alert to the wrong person, a message refused (AE/AR) or never answered fails the run too.
                && report.json.path("misrouted").asLong(0) == 0 && report.json.path("nacked").asLong(0) == 0
                && report.json.path("unanswered").asLong(0) == 0
                // visits: an over-booked slot, a visit stored without a 201, or any answer but 201/409 fails the run.
                && report.json.path("overbookedSlots").asLong(0) == 0 && report.json.path("phantomVisits").asLong(0) == 0
                && report.json.path("errors").asLong(0) == 0;
        System.exit(ok ? 0 : 1);
    }
}
