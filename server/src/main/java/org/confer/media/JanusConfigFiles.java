package org.confer.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The configuration of the embedded Janus, written into {@code <data dir>/janus/}: VideoRoom and
 * the HTTP and WebSocket transports only (Janus loads every {@code .so} in its folders, so each
 * folder holds symlinks to just these), everything bound to 127.0.0.1, token authentication on.
 * The files hold the secrets, so they are readable by Confer's user only.
 */
record JanusConfigFiles(Path dir, int httpPort, int wsPort, int adminPort, String apiSecret, String tokenSecret,
                        String adminKey, Optional<String> interfaces) {
    /** Where Debian's janus package puts its modules. */
    static final Path MODULES = Path.of("/usr/lib/x86_64-linux-gnu/janus");
    /** 200 UDP ports: 2 per stream, each participant sends and receives several; docs/operations.md has the sizing. */
    static final String RTP_PORT_RANGE = "20000-20199";

    Path conf() {
        return dir.resolve("conf");
    }

    Path mainConfig() {
        return conf().resolve("janus.jcfg");
    }

    Path log() {
        return dir.resolve("janus.log");
    }

    void write() throws IOException {
        Files.createDirectories(conf());
        link("plugins", List.of("plugins/libjanus_videoroom.so"));
        link("transports", List.of("transports/libjanus_http.so", "transports/libjanus_websockets.so"));
        link("events", List.of());
        link("loggers", List.of());
        String nat = "nat: {\n  ignore_mdns = true\n"
                + interfaces.map(i -> "  ice_enforce_list = " + quoted(i) + "\n").orElse("") + "}\n";
        secret(mainConfig(), "general: {\n"
                + "  configs_folder = " + quoted(conf()) + "\n"
                + "  plugins_folder = " + quoted(dir.resolve("plugins")) + "\n"
                + "  transports_folder = " + quoted(dir.resolve("transports")) + "\n"
                + "  events_folder = " + quoted(dir.resolve("events")) + "\n"
                + "  loggers_folder = " + quoted(dir.resolve("loggers")) + "\n"
                // Warnings and errors only: at 4 (info) Janus logs every session and handle, and the log is unbounded.
                + "  debug_level = 3\n"
                + "  api_secret = " + quoted(apiSecret) + "\n"
                + "  token_auth = true\n"
                + "  token_auth_secret = " + quoted(tokenSecret) + "\n"
                // The admin API is not used; a secret nobody knows closes it anyway.
                + "  admin_secret = " + quoted(adminKey + "-admin") + "\n"
                + "}\n"
                + "certificates: {\n}\n"
                + "media: {\n  rtp_port_range = " + quoted(RTP_PORT_RANGE) + "\n}\n"
                + nat
                + "plugins: {\n}\ntransports: {\n}\nloggers: {\n}\nevents: {\n}\n");
        secret(conf().resolve("janus.transport.http.jcfg"), "general: {\n"
                + "  json = \"indented\"\n  base_path = \"/janus\"\n"
                + "  http = true\n  port = " + httpPort + "\n  ip = \"127.0.0.1\"\n  https = false\n}\n"
                + "admin: {\n  admin_base_path = \"/admin\"\n  admin_http = true\n  admin_port = " + adminPort
                + "\n  admin_ip = \"127.0.0.1\"\n  admin_https = false\n}\n"
                + "cors: {\n}\n");
        secret(conf().resolve("janus.transport.websockets.jcfg"), "general: {\n"
                + "  json = \"indented\"\n  ws = true\n  ws_port = " + wsPort + "\n  ws_ip = \"127.0.0.1\"\n  wss = false\n}\n"
                + "admin: {\n  admin_ws = false\n  admin_wss = false\n}\n");
        secret(conf().resolve("janus.plugin.videoroom.jcfg"), "general: {\n"
                + "  admin_key = " + quoted(adminKey) + "\n  lock_rtp_forward = true\n}\n");
    }

    private void link(String folder, List<String> modules) throws IOException {
        Path f = dir.resolve(folder);
        Files.createDirectories(f);
        try (var old = Files.list(f)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (String m : modules) {
            Path target = MODULES.resolve(m);
            Files.createSymbolicLink(f.resolve(target.getFileName()), target);
        }
    }

    private static void secret(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    private static String quoted(Object value) {
        String s = value.toString();
        if (s.contains("\"") || s.contains("\\") || s.contains("\n")) {
            throw new IllegalArgumentException("unusable character in Janus setting " + s);
        }
        return "\"" + s + "\"";
    }
}
