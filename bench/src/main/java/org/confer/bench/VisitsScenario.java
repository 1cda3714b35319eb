package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * visits: the public booking rush of virtual visits (issue 15, docs/virtual-visits.md). A ward
 * opens its visits for the weeks ahead and relatives book at once, racing for the same slots.
 *
 * <p>Set-up, through the API as a ward would: the demo organisation admin makes a team and a
 * published booking calendar open 08:00–20:00 every day, {@code --visit-minutes} (15) visits, no
 * buffer, {@code --places} (2) places per slot, no notice, {@code --book-ahead-days} (14) ahead.
 * Only slots starting 26 hours or more from now are booked, so no reminder falls due during a run.
 *
 * <p>Then {@code --rate} (20) bookings a second for {@code --seconds} (30), open loop: each POST
 * is sent when the clock says, and its latency runs from that scheduled moment. Each booking has
 * its own visitor email and its own client address (X-Forwarded-For from the generator's
 * loopback addresses, which the started server trusts as proxies), so the per-email (3 a day)
 * and per-address (10 an hour) budgets do not bite. Its proof-of-work challenge was fetched and
 * solved beforehand by solver threads running ahead of the schedule (the visitor's page solves
 * while the visitor types), so the hashing is outside the measured latency. Bookings fill the
 * slots in order, place by place (the first places of each slot go to bookings that do not
 * compete); a {@code --contention} (0.3) fraction instead pick one of the {@code --hot} (4) most
 * recent slots of that frontier, full or filling: they race the others for the last place and
 * mostly get {@code 409 slot-taken}.
 *
 * <p>Measured: scheduled POST → 201/409 latency (p50/p95/p99/max, and separately for 201s and
 * 409s), the counts of 201, 409 slot-taken and anything else (errors: must be 0), and server CPU
 * per booking over the window (challenges and ward notices included). Checked afterwards: per
 * slot no more visits than places (staff API, {@code overbookedSlots}), every 201's reference
 * stored ({@code lostVisits}) and nothing stored without a 201 ({@code phantomVisits}), and one
 * confirmation mail in the outbox per 201, to its visitor with its reference ({@code missingMails},
 * {@code extraMails}).
 */
final class VisitsScenario {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** The public slot list and the staff visit list take at most 14 days at a time. */
    private static final int MAX_DAYS_PER_LIST = 14;
    /** A 24-hour reminder of a slot this far ahead falls due two hours from now at the earliest. */
    private static final Duration FIRST_SLOT_AFTER = Duration.ofHours(26);
    private static final int OUTBOX_PAGE = 200;

    private VisitsScenario() {}

    /** A challenge solved ahead of its booking. */
    private record Solved(String challenge, String nonce) {}

    /** One slot of the calendar from the public list. */
    private record SlotRef(Instant start, String text, LocalDate localDate) {}

    static Report run(Options o, ServerUnderTest server) throws Exception {
        try (Api api = new Api(server.url, o.intValue("source-addresses", 8))) {
            return run(o, server, api);
        }
    }

    private static Report run(Options o, ServerUnderTest server, Api api) throws Exception {
        int rate = o.intValue("rate", 20);
        int seconds = o.intValue("seconds", 30);
        double contention = Double.parseDouble(o.get("contention", "0.3"));
        int hot = o.intValue("hot", 4);
        int places = o.intValue("places", 2);
        int visitMinutes = o.intValue("visit-minutes", 15);
        int bookAheadDays = o.intValue("book-ahead-days", 14);
        int maxInFlight = o.intValue("max-in-flight", 1000);
        int solvers = o.intValue("solvers", 2);
        long seed = Long.parseLong(o.get("seed", "42"));
        if (contention < 0 || contention >= 1 || hot < 1 || rate < 1 || seconds < 1) {
            throw new IllegalArgumentException("--contention must be in [0, 1), --hot, --rate and --seconds at least 1");
        }
        int total = rate * seconds;
        String run = UUID.randomUUID().toString().substring(0, 6).toLowerCase(java.util.Locale.ROOT);
        // Each booking's client address: 10.x.y.z from a per-run base, so runs against one server do not share budgets.
        int addressBase = new SplittableRandom().nextInt(1 << 23);

        // Set-up: a ward (team) and its calendar, by the demo organisation admin (who then owns the team).
        String admin = api.login("priya@demo.confer.test", server.adminPassword);
        JsonNode team = api.setUp(0, "/api/v1/teams", Map.of("name", "Bench ward " + run), admin);
        String teamId = team.get("id").asText();
        String channelId = null;
        for (JsonNode c : api.get(0, "/api/v1/teams/" + teamId + "/channels", admin).get("items")) {
            if (c.get("name").asText().equals("General")) {
                channelId = c.get("id").asText();
            }
        }
        if (channelId == null) {
            throw new IllegalStateException("team " + teamId + " has no General channel");
        }
        String slug = "bench-" + run;
        String calendarName = "Bench ward " + run + " virtual visits";
        List<Map<String, Object>> hours = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            hours.add(Map.of("weekday", day, "opens", "08:00", "closes", "20:00"));
        }
        Map<String, Object> calendar = new LinkedHashMap<>();
        calendar.put("teamId", teamId);
        calendar.put("channelId", channelId);
        calendar.put("slug", slug);
        calendar.put("name", calendarName);
        calendar.put("durationMinutes", visitMinutes);
        calendar.put("bufferMinutes", 0);
        calendar.put("placesPerSlot", places);
        calendar.put("bookAheadDays", bookAheadDays);
        calendar.put("minNoticeMinutes", 0);
        calendar.put("hours", hours);
        calendar.put("fields", List.of(Map.of("name", "bed", "label", "Bed", "required", false)));
        calendar.put("privacyNotice", "We use your details only to arrange this visit.");
        calendar.put("consentText", "I agree to the ward using these details to arrange the visit.");
        calendar.put("published", true);
        String calendarId = api.setUp(0, "/api/v1/visit-calendars", calendar, admin).get("id").asText();
        List<SlotRef> slots = slots(api, slug, bookAheadDays, address(addressBase - 1));

        // The schedule: which slot each booking asks for.
        SplittableRandom random = new SplittableRandom(seed);
        int[] slotOf = new int[total];
        boolean[] contended = new boolean[total];
        int filling = 0;
        for (int i = 0; i < total; i++) {
            if (filling > 0 && random.nextDouble() < contention) {
                int frontier = (filling - 1) / places;
                slotOf[i] = Math.max(0, frontier - random.nextInt(hot));
                contended[i] = true;
            } else {
                slotOf[i] = filling / places;
                filling++;
            }
        }
        int slotsUsed = filling == 0 ? 0 : (filling - 1) / places + 1;
        if (slotsUsed > slots.size()) {
            throw new IllegalArgumentException(total + " bookings fill " + slotsUsed + " slots, but the calendar has only "
                    + slots.size() + " from 26 hours ahead: raise --book-ahead-days (up to 90) or lower --visit-minutes (down to 5)");
        }

        // Proof of work, ahead of the schedule: a few seconds' worth solved before the first send.
        int ahead = Math.min(total, Math.max(rate * 5, 50));
        BlockingQueue<Solved> solved = new ArrayBlockingQueue<>(ahead);
        AtomicInteger toSolve = new AtomicInteger();
        AtomicInteger challengeRetries = new AtomicInteger();
        List<Thread> solverThreads = new ArrayList<>();
        for (int t = 0; t < solvers; t++) {
            int client = t;
            solverThreads.add(Thread.ofPlatform().daemon().name("bench-pow-" + t).start(() -> {
                try {
                    while (toSolve.getAndIncrement() < total) {
                        JsonNode c = challenge(api, client, challengeRetries);
                        String challenge = c.get("challenge").asText();
                        solved.put(new Solved(challenge, solve(challenge, c.get("difficulty").asInt())));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    System.err.println("challenge failed: " + e.getMessage());
                }
            }));
        }
        long prefillDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (solved.size() < ahead && System.nanoTime() < prefillDeadline) {
            Thread.sleep(10);
        }
        int difficulty = api.get(0, "/api/v1/public/visit-challenge", null).get("difficulty").asInt();

        // The rush, open loop.
        int[] outcome = new int[total]; // 1: 201, 2: 409 slot-taken, 3: 429, 4: anything else
        String[] references = new String[total];
        long[] latency = new long[total];
        AtomicInteger errorsPrinted = new AtomicInteger();
        Semaphore inFlight = new Semaphore(maxInFlight);
        String path = "/api/v1/public/visit-calendars/" + slug + "/bookings";
        long maxLag = 0;
        Usage usage = new Usage(server.stats());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        for (int i = 0; i < total; i++) {
            long due = start + (long) i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Solved s = solved.poll(2, TimeUnit.MINUTES);
            inFlight.acquire();
            maxLag = Math.max(maxLag, System.nanoTime() - due);
            Map<String, Object> body = new HashMap<>();
            body.put("slotStart", slots.get(slotOf[i]).text());
            body.put("visitorName", "Bench visitor " + i);
            body.put("visitorEmail", email(run, i));
            body.put("patientName", "Bench patient " + i);
            body.put("answers", Map.of("bed", Integer.toString(1 + i % 30)));
            body.put("consent", true);
            body.put("website", "");
            body.put("challenge", s == null ? "" : s.challenge());
            body.put("nonce", s == null ? "" : s.nonce());
            int k = i;
            api.postAsync(i, path, body, null, address(addressBase + i)).whenComplete((r, e) -> {
                latency[k] = System.nanoTime() - due;
                if (e == null) {
                    references[k] = r.get("reference").asText();
                    outcome[k] = 1;
                } else {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof HttpError h && h.status == 409 && h.getMessage().contains("slot-taken")) {
                        outcome[k] = 2;
                    } else {
                        outcome[k] = cause instanceof HttpError h && h.status == 429 ? 3 : 4;
                        if (errorsPrinted.incrementAndGet() <= 5) {
                            System.err.println("booking failed: " + cause.getMessage());
                        }
                    }
                }
                inFlight.release();
            });
        }
        inFlight.acquire(maxInFlight);
        double windowSeconds = (System.nanoTime() - start) / 1e9;
        Usage.Figures figures = usage.stop();
        for (Thread t : solverThreads) {
            t.interrupt();
        }

        long booked = 0;
        long taken = 0;
        long rateLimited = 0;
        long other = 0;
        long contendedBooked = 0;
        long[] all = new long[total];
        long[] bookedLatency = new long[total];
        long[] takenLatency = new long[total];
        int nAll = 0;
        int nBooked = 0;
        int nTaken = 0;
        Map<String, String> referenceByEmail = new HashMap<>();
        for (int i = 0; i < total; i++) {
            switch (outcome[i]) {
                case 1 -> {
                    booked++;
                    contendedBooked += contended[i] ? 1 : 0;
                    all[nAll++] = latency[i];
                    bookedLatency[nBooked++] = latency[i];
                    referenceByEmail.put(email(run, i), references[i]);
                }
                case 2 -> {
                    taken++;
                    all[nAll++] = latency[i];
                    takenLatency[nTaken++] = latency[i];
                }
                case 3 -> rateLimited++;
                default -> other++;
            }
        }

        // Correctness, read back as the ward's staff and the platform admin see it.
        LocalDate firstDay = slots.getFirst().localDate();
        LocalDate lastDay = slotsUsed == 0 ? firstDay : slots.get(slotsUsed - 1).localDate();
        Map<Instant, Integer> perSlot = new HashMap<>();
        Set<String> stored = new HashSet<>();
        long storedVisits = 0;
        for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(MAX_DAYS_PER_LIST)) {
            int days = (int) Math.min(MAX_DAYS_PER_LIST, java.time.temporal.ChronoUnit.DAYS.between(d, lastDay) + 1);
            for (JsonNode v : api.get(0, "/api/v1/visit-calendars/" + calendarId + "/visits?from=" + d + "&days=" + days, admin)
                    .get("items")) {
                storedVisits++;
                stored.add(v.get("reference").asText());
                if (v.get("status").asText().equals("booked")) {
                    perSlot.merge(OffsetDateTime.parse(v.get("start").asText()).toInstant(), 1, Integer::sum);
                }
            }
        }
        long overbooked = perSlot.values().stream().filter(n -> n > places).count();
        Set<String> acknowledged = new HashSet<>(referenceByEmail.values());
        long lostVisits = acknowledged.stream().filter(r -> !stored.contains(r)).count();
        long phantomVisits = stored.stream().filter(r -> !acknowledged.contains(r)).count();

        String platformAdmin = api.login(ServerUnderTest.ADMIN, server.adminPassword);
        String prefix = "v-" + run + "-";
        long confirmations = 0;
        long extraMails = 0;
        Set<String> confirmed = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = api.get(0, "/api/v1/admin/email-outbox?limit=" + OUTBOX_PAGE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), platformAdmin);
            for (JsonNode m : page.get("items")) {
                String to = m.path("toAddress").asText("");
                if (!to.startsWith(prefix) || !m.path("subject").asText("").startsWith("Visit booked: " + calendarName)) {
                    continue;
                }
                confirmations++;
                String reference = referenceByEmail.get(to);
                if (reference == null || !m.path("textBody").asText("").contains("Reference: " + reference)
                        || !confirmed.add(to)) {
                    extraMails++; // to no one who got a 201, without their reference, or a second one
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        long missingMails = referenceByEmail.keySet().stream().filter(e -> !confirmed.contains(e)).count();

        Report report = new Report("visits", Map.of("rate", "" + rate, "seconds", "" + seconds, "contention", "" + contention,
                "hot", "" + hot, "places", "" + places, "visitMinutes", "" + visitMinutes, "powBits", "" + difficulty,
                "database", o.get("start", "external")));
        report.json.put("expected", total);
        report.json.put("delivered", booked + taken);
        report.json.put("lost", lostVisits + missingMails);
        report.json.put("duplicates", extraMails);
        report.json.put("outOfOrder", 0);
        report.json.put("bookings", total);
        report.json.put("booked", booked);
        report.json.put("slotTaken", taken);
        report.json.put("errors", rateLimited + other);
        report.json.put("rateLimited", rateLimited);
        report.json.put("contended", countTrue(contended));
        report.json.put("contendedBooked", contendedBooked);
        report.json.put("slotsUsed", slotsUsed);
        report.json.put("storedVisits", storedVisits);
        report.json.put("overbookedSlots", overbooked);
        report.json.put("fullSlots", perSlot.values().stream().filter(n -> n == places).count());
        report.json.put("lostVisits", lostVisits);
        report.json.put("phantomVisits", phantomVisits);
        report.json.put("confirmationMails", confirmations);
        report.json.put("missingMails", missingMails);
        report.json.put("extraMails", extraMails);
        report.json.put("deliveriesPerSec", Math.round(total / windowSeconds));
        report.json.put("seconds", Math.round(windowSeconds * 1000) / 1000.0);
        report.json.put("generatorMaxLagMs", Math.round(maxLag / 10_000.0) / 100.0);
        report.latencies(all, nAll);
        report.latencies("booked", bookedLatency, nBooked);
        report.latencies("taken", takenLatency, nTaken);
        // The second half of the window alone: a fresh server's JIT is cold for the first seconds.
        long[] warm = new long[total];
        int nWarm = 0;
        for (int i = total / 2; i < total; i++) {
            if (outcome[i] == 1 || outcome[i] == 2) {
                warm[nWarm++] = latency[i];
            }
        }
        report.latencies("secondHalf", warm, nWarm);
        figures.into(report);
        if (figures.serverCpuPct() >= 0) {
            double cpuSeconds = figures.serverCpuPct() / 100 * windowSeconds * Runtime.getRuntime().availableProcessors();
            report.json.put("serverCpuMsPerBooking", Math.round(cpuSeconds * 1e6 / total) / 1000.0);
        }
        report.json.put("setUpRetries", api.setUpRetries());
        report.json.put("challengeRetries", challengeRetries.get());
        return report;
    }

    /**
     * A challenge, asked again after a 5xx (up to 4 times, counted): on a fresh H2 server the
     * first concurrent challenges race to create the challenge key (docs/performance.md, "Known
     * server issues"), and a visitor's page would simply ask again.
     */
    private static JsonNode challenge(Api api, int client, AtomicInteger retries) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return api.get(client, "/api/v1/public/visit-challenge", null);
            } catch (HttpError e) {
                if (e.status < 500 || attempt == 5) {
                    throw e;
                }
                retries.incrementAndGet();
                Thread.sleep(20L * attempt);
            }
        }
    }

    /** The calendar's bookable slots from 26 hours ahead, in order, from the public lists (14 days at a time). */
    private static List<SlotRef> slots(Api api, String slug, int bookAheadDays, String address) throws Exception {
        Instant after = Instant.now().plus(FIRST_SLOT_AFTER);
        Map<Instant, SlotRef> out = new java.util.TreeMap<>();
        LocalDate today = LocalDate.now(LONDON);
        for (int d = 0; d <= bookAheadDays; d += MAX_DAYS_PER_LIST) {
            for (JsonNode s : api.get(0, "/api/v1/public/visit-calendars/" + slug + "/slots?from=" + today.plusDays(d) + "&days="
                    + MAX_DAYS_PER_LIST, null, address).get("items")) {
                Instant start = OffsetDateTime.parse(s.get("start").asText()).toInstant();
                if (!start.isBefore(after)) {
                    out.put(start, new SlotRef(start, s.get("start").asText(), LocalDate.parse(s.get("localDate").asText())));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static String email(String run, int i) {
        return "v-" + run + "-" + i + "@bench.confer.test";
    }

    private static String address(int n) {
        return "10." + ((n >>> 16) & 0xff) + "." + ((n >>> 8) & 0xff) + "." + (n & 0xff);
    }

    private static long countTrue(boolean[] values) {
        long n = 0;
        for (boolean b : values) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** A nonce such that SHA-256(challenge + ":" + nonce) starts with {@code difficulty} zero bits, as the booking page finds it. */
    static String solve(String challenge, int difficulty) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] prefix = (challenge + ":").getBytes(StandardCharsets.UTF_8);
        for (long n = 0; ; n++) {
            sha.update(prefix);
            byte[] hash = sha.digest(Long.toString(n).getBytes(StandardCharsets.UTF_8));
            if (leadingZeroBits(hash) >= difficulty) {
                return Long.toString(n);
            }
        }
    }

    private static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b != 0) {
                return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
            }
            bits += 8;
        }
        return bits;
    }
}
