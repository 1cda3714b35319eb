package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates and signs in the people a scenario needs, through the public admin API. Four at a
 * time: each costs the server two Argon2 computations (create and sign-in), which is most of
 * a scenario's set-up time.
 */
final class People {
    static final String PASSWORD = "bench-member-password-1";

    /** One signed-in person. */
    record Person(String id, String token) {}

    private People() {}

    static List<Person> create(Api api, String adminToken, String prefix, int n) throws Exception {
        List<Person> out = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<Person>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    String email = prefix + k + "-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.confer.test";
                    JsonNode u = api.post("/api/v1/admin/users",
                            Map.of("email", email, "displayName", prefix + " " + k, "password", PASSWORD), adminToken);
                    return new Person(u.get("id").asText(), api.login(email, PASSWORD));
                }));
            }
            for (Future<Person> f : futures) {
                out.add(f.get());
            }
        }
        return out;
    }
}
