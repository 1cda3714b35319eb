package org.confer.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.confer.app.ConfigLoader.Raw;
import org.confer.app.ConfigLoader.Setting;
import org.confer.files.FileSettings;
import org.confer.files.S3Settings;

/** The files settings of {@link ConfigLoader}: limits, the S3-compatible store, clamd (docs/files.md, docs/operations.md). */
final class FilesConfig {

    private FilesConfig() {}

    static FileSettings parse(Map<Setting, Raw> raw) {
        FileSettings d = FileSettings.defaults();
        return new FileSettings(ConfigLoader.whole(raw, Setting.FILES_MAX_BYTES), ConfigLoader.whole(raw, Setting.FILES_UPLOADS_PER_PERSON),
                ConfigLoader.whole(raw, Setting.FILES_MIB_PER_HOUR), d.uploadTtl(), d.maxPixels(), d.maxFrames(),
                ConfigLoader.bool(raw, Setting.FILES_STRIP_LOCATION), Duration.ofSeconds(ConfigLoader.whole(raw, Setting.FILES_TICK_SECONDS)),
                s3(raw), clamd(raw));
    }

    /** S3 is on when an endpoint is set; then the bucket and both keys are required. */
    private static Optional<S3Settings> s3(Map<Setting, Raw> raw) {
        Optional<String> endpoint = ConfigLoader.text(raw, Setting.S3_ENDPOINT);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(endpoint.get());
        } catch (URISyntaxException e) {
            throw ConfigLoader.invalid(raw, Setting.S3_ENDPOINT, "an http(s) URL such as https://s3.eu-west-2.amazonaws.com");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw ConfigLoader.invalid(raw, Setting.S3_ENDPOINT, "an http(s) URL such as https://s3.eu-west-2.amazonaws.com");
        }
        String bucket = ConfigLoader.text(raw, Setting.S3_BUCKET)
                .orElseThrow(() -> ConfigLoader.invalid(raw, Setting.S3_BUCKET, "the bucket's name (required with CONFER_S3_ENDPOINT)"));
        String access = ConfigLoader.text(raw, Setting.S3_ACCESS_KEY)
                .orElseThrow(() -> ConfigLoader.invalid(raw, Setting.S3_ACCESS_KEY, "an access key id (required with CONFER_S3_ENDPOINT)"));
        String secret = ConfigLoader.text(raw, Setting.S3_SECRET_KEY)
                .orElseThrow(() -> ConfigLoader.invalid(raw, Setting.S3_SECRET_KEY, "a secret key (required with CONFER_S3_ENDPOINT)"));
        return Optional.of(new S3Settings(uri, bucket, ConfigLoader.text(raw, Setting.S3_REGION).orElse("us-east-1"), access, secret));
    }

    /** clamd through its Unix socket (preferred: no network) or host and port; off when neither is set. */
    private static Optional<FileSettings.Clamd> clamd(Map<Setting, Raw> raw) {
        Optional<String> socket = ConfigLoader.text(raw, Setting.CLAMD_SOCKET);
        Optional<String> host = ConfigLoader.text(raw, Setting.CLAMD_HOST);
        if (socket.isPresent() && host.isPresent()) {
            throw ConfigLoader.invalid(raw, Setting.CLAMD_HOST, "nothing when CONFER_CLAMD_SOCKET is set (one or the other)");
        }
        if (socket.isEmpty() && host.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FileSettings.Clamd(socket.map(Path::of), host, ConfigLoader.whole(raw, Setting.CLAMD_PORT)));
    }
}
