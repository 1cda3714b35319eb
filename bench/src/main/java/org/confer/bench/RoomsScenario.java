package org.confer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * rooms: --channels team channels of --members people each, everyone connected, everyone
 * posting: an aggregate --rate messages/s (open loop, round-robin over the channels and, within
 * a channel, over its members) for --seconds. Latency is measured from each message's scheduled
 * send time to its arrival at every member, including the sender's own other stream. With several
 * nodes, person i's stream is on node i mod nodes and message i is sent through node i mod nodes.
 */
final class RoomsScenario {
    private RoomsScenario() {}

    static Report run(Options o, ServerUnderTest server) throws Exception {
        try (Api api = new Api(server.urls, o.intValue("source-addresses", 8))) {
            return run(o, server, api);
        }
    }

    private static Report run(Options o, ServerUnderTest server, Api api) throws Exception {
        int channels = o.intValue("channels", 100);
        int members = o.intValue("members", 20);
        int rate = o.intValue("rate", 500);
        int seconds = o.intValue("seconds", 60);
        String admin = api.login(ServerUnderTest.ADMIN, server.adminPassword);

        List<People.Person> people = People.create(api, admin, "room", channels * members);
        String[] channelIds = new String[channels];
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> made = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                List<String> ids = people.subList(c * members, (c + 1) * members).stream().map(People.Person::id).toList();
                int client = c;
                made.add(pool.submit(() -> Seeding.teamChannel(api, client, admin, "Room " + client, ids)));
            }
            for (int c = 0; c < channels; c++) {
                channelIds[c] = made.get(c).get();
            }
        }

        LongAdder deliveries = new LongAdder();
        List<StreamReceiver> receivers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            receivers.add(new StreamReceiver(List.of(channelIds[i / members]), deliveries));
            tokens.add(people.get(i).token());
        }
        StreamReceiver.connectAll(api, receivers, tokens, o.intValue("parallel", 200));

        int total = rate * seconds;
        List<OpenLoop.Send> schedule = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int c = i % channels;
            int sender = c * members + (i / channels) % members;
            schedule.add(new OpenLoop.Send((long) (i * (1e9 / rate)), channelIds[c], people.get(sender).token()));
        }
        Usage usage = server.usage();
        OpenLoop sent = OpenLoop.run(api, schedule, o.intValue("max-in-flight", 2000), "rooms" + System.nanoTime());
        long expected = 0;
        for (var seqs : sent.acked.values()) {
            expected += (long) seqs.size() * members;
        }
        boolean complete = Drain.await(deliveries, expected, o.intValue("drain-seconds", 60));
        double elapsed = sent.seconds;
        Report report = new Report("rooms", Map.of("channels", "" + channels, "members", "" + members, "rate", "" + rate,
                "seconds", "" + seconds, "database", o.get("start", "external"), "nodes", "" + server.nodeCount()));
        Usage.Figures figures = usage.stop();
        figures.into(report);

        Deliveries d = Deliveries.check(receivers, sent.acked, api.nodes());
        receivers.forEach(StreamReceiver::close);
        d.into(report, sent.failures.get() * members, elapsed);
        figures.perMessage(report, server.urls, sent.sendsByNode(), d.deliveredByNode);
        report.json.put("complete", complete);
        report.json.put("sent", total);
        report.json.put("failedSends", sent.failures.get());
        report.json.put("retriedSends", sent.retried.get());
        report.json.put("messagesPerSec", Math.round(total / elapsed));
        report.json.put("generatorMaxLagMs", Math.round(sent.maxLagNanos / 1e5) / 10.0);
        Report acks = new Report("acks", Map.of());
        long[] ackNanos = sent.ackLatencies();
        acks.latencies(ackNanos, ackNanos.length);
        report.json.put("ackP99Ms", acks.json.get("p99Ms").asDouble());
        report.json.put("setUpServerErrors", api.setUpRetries());
        report.json.put("target", "p99Ms <= 50");
        return report;
    }
}
