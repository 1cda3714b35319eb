package org.confer.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.confer.app.ConfigLoader.Raw;
import org.confer.app.ConfigLoader.Setting;
import org.confer.results.MllpSettings;
import org.confer.results.ResultsSettings;

/** The results settings of {@link ConfigLoader}: the MLLP listener (off unless a port is set) and the escalation tick. */
final class ResultsConfig {

    private ResultsConfig() {}

    static ResultsSettings parse(Map<Setting, Raw> raw) {
        String bind = ConfigLoader.text(raw, Setting.MLLP_BIND).orElse(Setting.MLLP_BIND.defaultValue);
        if (!bind.matches("[0-9A-Fa-f.:]+")) {
            throw ConfigLoader.invalid(raw, Setting.MLLP_BIND, "an IP address such as 127.0.0.1 or 0.0.0.0");
        }
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw ConfigLoader.invalid(raw, Setting.MLLP_BIND, "an IP address such as 127.0.0.1 or 0.0.0.0");
        }
        return new ResultsSettings(new MllpSettings(ConfigLoader.whole(raw, Setting.MLLP_PORT), bind,
                ConfigLoader.whole(raw, Setting.MLLP_MAX_FRAME_BYTES)),
                Duration.ofSeconds(ConfigLoader.whole(raw, Setting.RESULTS_TICK_SECONDS)));
    }
}
