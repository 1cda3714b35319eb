package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import org.confer.app.Config;
import org.confer.app.ConfigLoader;
import org.confer.db.Database;
import org.confer.testing.Backend;
import org.confer.testing.TestStorage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server secret's first use can come from many requests, or many nodes, at once (the booking
 * page's first challenges after a start): every one of them gets the same secret, none fails,
 * and exactly one of them made it.
 */
class ServerSecretsTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void many_first_uses_at_once_all_get_the_one_stored_secret(Backend backend) throws Exception {
        try (TestStorage storage = TestStorage.create(backend)) {
            Config c = new ConfigLoader(storage.env(), storage.dataDir).load();
            Database db = new Database(c.dbUrl(), c.dbUser(), c.dbPassword(), c.dataDir(), new SimpleMeterRegistry());
            try {
                db.migrate();
                int callers = 16;
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(callers);
                List<Future<ServerSecrets.Secret>> answers = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    // One ServerSecrets per caller: like separate nodes, none has it cached.
                    ServerSecrets node = new ServerSecrets(db, new ServerSecretStore(), new Tokens(), Clock.systemUTC());
                    answers.add(pool.submit(() -> {
                        start.await();
                        return node.getOrCreate("race-key");
                    }));
                }
                start.countDown();
                List<ServerSecrets.Secret> got = new ArrayList<>();
                for (Future<ServerSecrets.Secret> f : answers) {
                    got.add(f.get());
                }
                pool.shutdown();
                assertThat(got).extracting(ServerSecrets.Secret::value).as("one secret for everyone").containsOnly(got.get(0).value());
                assertThat(got).filteredOn(ServerSecrets.Secret::createdNow).as("made once").hasSize(1);
            } finally {
                db.close();
            }
        }
    }
}
