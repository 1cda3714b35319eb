package org.confer.app;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.confer.analytics.UsageSettings;
import org.confer.app.ConfigLoader.Raw;
import org.confer.app.ConfigLoader.Setting;

/** The usage analytics settings of {@link ConfigLoader}: the local calendar, the rollup's tick, the synthetic year. */
final class UsageConfig {

    private UsageConfig() {}

    static UsageSettings parse(Map<Setting, Raw> raw) {
        String zone = ConfigLoader.text(raw, Setting.USAGE_TIME_ZONE).orElse("Europe/London");
        ZoneId id;
        try {
            id = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ConfigLoader.invalid(raw, Setting.USAGE_TIME_ZONE, "an IANA time zone such as Europe/London");
        }
        return new UsageSettings(id, Duration.ofSeconds(ConfigLoader.whole(raw, Setting.USAGE_TICK_SECONDS)),
                ConfigLoader.whole(raw, Setting.USAGE_SYNTHETIC_ORGS));
    }
}
