package org.confer.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real clamd for tests: Debian's /usr/sbin/clamd with a clamd.conf and a signature database in a
 * temporary directory. The database is one .hdb line (MD5:size:name) for the EICAR test file, so no
 * internet and no freshclam are needed. Without clamd the tests that need it are skipped, or fail
 * under CI=true (like PostgreSQL: confer.test.pgRequired).
 */
final class Clamd implements AutoCloseable {
    /** The EICAR anti-virus test file: harmless, and detected by every scanner as if it were malware. */
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    static final String SIGNATURE_NAME = "Confer.Test.EICAR";
    /** What clamd reports: a signature from outside ClamAV's own databases gets ".UNOFFICIAL". */
    static final String SIGNATURE = SIGNATURE_NAME + ".UNOFFICIAL";
    private static final Path CLAMD = Path.of("/usr/sbin/clamd");

    final Path dir;
    final Path socket;
    private Process process;

    private Clamd(Path dir, Process process) {
        this.dir = dir;
        this.socket = dir.resolve("clamd.sock");
        this.process = process;
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getProperty("confer.test.pgRequired")) || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** A started clamd, or the test is skipped (failed under CI) with the reason. */
    static Clamd start() {
        String why = null;
        try {
            Clamd c = tryStart();
            if (c != null) {
                return c;
            }
            why = "clamd did not open its socket within 60 s";
        } catch (IOException | InterruptedException e) {
            why = "clamd could not start: " + e.getMessage();
        }
        if (required()) {
            throw new AssertionError(why + " (required under CI=true: apt-get install clamav-daemon)");
        }
        Assumptions.abort(why);
        return null;
    }

    /** Unlike {@link #start}, null instead of skipping: a ServerTest decides for itself. */
    static Clamd tryStart() throws IOException, InterruptedException {
        if (!Files.isExecutable(CLAMD)) {
            return null;
        }
        Path dir = Files.createTempDirectory("confer-clamd");
        Path db = Files.createDirectories(dir.resolve("db"));
        byte[] eicar = EICAR.getBytes(StandardCharsets.US_ASCII);
        String md5 = HexFormat.of().formatHex(md5(eicar));
        Files.writeString(db.resolve("confer-test.hdb"), md5 + ":" + eicar.length + ":" + SIGNATURE_NAME + "\n");
        Files.writeString(dir.resolve("clamd.conf"), String.join("\n",
                "LocalSocket " + dir.resolve("clamd.sock"),
                "DatabaseDirectory " + db,
                "TemporaryDirectory " + dir,
                "LogFile " + dir.resolve("clamd.log"),
                "Foreground yes",
                // Large enough for the files tests send; the real limit is the operator's.
                "StreamMaxLength 200M",
                "") );
        Clamd c = new Clamd(dir, null);
        if (c.launch()) {
            return c;
        }
        c.close();
        return null;
    }

    /** Starts clamd on this directory's configuration; true once its socket is there. */
    private boolean launch() throws IOException, InterruptedException {
        Files.deleteIfExists(socket);
        process = new ProcessBuilder(CLAMD.toString(), "-c", dir.resolve("clamd.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("clamd.out").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(socket)) {
                return true;
            }
            if (!process.isAlive()) {
                throw new IOException("clamd exited: " + Files.readString(dir.resolve("clamd.out")));
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Stops clamd, as an outage would: its socket stays unanswered until {@link #restart}. */
    void stop() {
        close();
    }

    /** Starts clamd again on the same socket. */
    void restart() throws IOException, InterruptedException {
        if (!launch()) {
            throw new IOException("clamd did not come back within 60 s");
        }
    }

    FileSettings.Clamd settings() {
        return new FileSettings.Clamd(java.util.Optional.of(socket), java.util.Optional.empty(), 3310);
    }

    private static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
