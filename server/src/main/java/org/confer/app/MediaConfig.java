package org.confer.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.confer.app.ConfigLoader.Raw;
import org.confer.app.ConfigLoader.Setting;
import org.confer.media.MediaSettings;

/**
 * The media settings of {@link ConfigLoader}: Janus and STUN/TURN. Combinations that cannot
 * work (a TURN URL without the shared secret, a Janus URL without its secrets) are refused at
 * start-up with a one-line message, never discovered when the first call fails.
 */
final class MediaConfig {

    private MediaConfig() {}

    static MediaSettings parse(Map<Setting, Raw> raw) {
        Optional<URI> janusUrl = ConfigLoader.text(raw, Setting.JANUS_URL)
                .map(v -> uri(raw, Setting.JANUS_URL, v, List.of("http", "https"), "an http:// address such as http://127.0.0.1:8088/janus"));
        Optional<URI> janusWsUrl = ConfigLoader.text(raw, Setting.JANUS_WS_URL)
                .map(v -> uri(raw, Setting.JANUS_WS_URL, v, List.of("ws", "wss"), "a ws:// address such as ws://127.0.0.1:8188"));
        Optional<String> apiSecret = ConfigLoader.text(raw, Setting.JANUS_API_SECRET);
        Optional<String> tokenSecret = ConfigLoader.text(raw, Setting.JANUS_TOKEN_SECRET);
        Optional<String> adminKey = ConfigLoader.text(raw, Setting.JANUS_ADMIN_KEY);
        boolean embedded = ConfigLoader.oneOf(raw, Setting.JANUS_EMBEDDED).equals("auto");
        Optional<String> interfaces = ConfigLoader.text(raw, Setting.JANUS_INTERFACES);
        if (janusUrl.isPresent()) {
            require(janusWsUrl.isPresent(), Setting.JANUS_WS_URL, Setting.JANUS_URL, "browsers reach Janus through Confer's relay to its WebSocket API");
            require(apiSecret.isPresent(), Setting.JANUS_API_SECRET, Setting.JANUS_URL, "Confer authenticates to Janus with the api_secret of janus.jcfg");
            require(tokenSecret.isPresent(), Setting.JANUS_TOKEN_SECRET, Setting.JANUS_URL,
                    "Confer signs participants' tokens with the token_auth_secret of janus.jcfg");
            if (interfaces.isPresent()) {
                throw new ConfigException(Setting.JANUS_INTERFACES.envName() + " applies only to the embedded Janus; set ice_enforce_list in "
                        + "your own Janus's janus.jcfg, or unset " + Setting.JANUS_URL.envName());
            }
        } else {
            for (Setting s : List.of(Setting.JANUS_WS_URL, Setting.JANUS_API_SECRET, Setting.JANUS_TOKEN_SECRET, Setting.JANUS_ADMIN_KEY)) {
                if (ConfigLoader.text(raw, s).isPresent()) {
                    throw new ConfigException(s.envName() + " is set but " + Setting.JANUS_URL.envName()
                            + " is not; set the Janus HTTP API address too (the embedded Janus makes its own secrets)");
                }
            }
        }
        List<String> stun = list(raw, Setting.STUN_URLS, List.of("stun:", "stuns:"), "stun:stun.example.nhs.uk:3478");
        List<String> turn = list(raw, Setting.TURN_URLS, List.of("turn:", "turns:"), "turn:turn.example.nhs.uk:3478?transport=udp");
        Optional<String> turnSecret = ConfigLoader.text(raw, Setting.TURN_SECRET);
        if (!turn.isEmpty()) {
            require(turnSecret.isPresent(), Setting.TURN_SECRET, Setting.TURN_URLS,
                    "TURN credentials are minted with coturn's static-auth-secret (use-auth-secret)");
        } else if (turnSecret.isPresent()) {
            throw new ConfigException(Setting.TURN_SECRET.envName() + " is set but " + Setting.TURN_URLS.envName()
                    + " is empty; list the TURN server's URLs too");
        }
        Duration ttl = Duration.ofSeconds(ConfigLoader.whole(raw, Setting.TURN_TTL_SECONDS));
        boolean relayOnly = ConfigLoader.bool(raw, Setting.TURN_RELAY_ONLY);
        if (relayOnly && turn.isEmpty()) {
            throw new ConfigException(Setting.TURN_RELAY_ONLY.envName() + "=true needs " + Setting.TURN_URLS.envName()
                    + ": without a TURN server a relay-only call can never connect");
        }
        return new MediaSettings(janusUrl, janusWsUrl, apiSecret, tokenSecret, adminKey, embedded, interfaces,
                stun, turn, turnSecret, ttl, relayOnly);
    }

    /** {@code s} must be set when {@code with} is: a one-line message says why. */
    private static void require(boolean present, Setting s, Setting with, String why) {
        if (!present) {
            throw new ConfigException(s.envName() + " is required with " + with.envName() + ": " + why);
        }
    }

    private static URI uri(Map<Setting, Raw> raw, Setting s, String value, List<String> schemes, String accepted) {
        try {
            URI u = new URI(value);
            if (u.getScheme() == null || !schemes.contains(u.getScheme()) || u.getHost() == null) {
                throw ConfigLoader.invalid(raw, s, accepted);
            }
            return u;
        } catch (URISyntaxException e) {
            throw ConfigLoader.invalid(raw, s, accepted);
        }
    }

    /** A comma-separated list of ICE server URLs, each with one of {@code prefixes}. */
    private static List<String> list(Map<Setting, Raw> raw, Setting s, List<String> prefixes, String example) {
        List<String> urls = ConfigLoader.text(raw, s)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
        for (String u : urls) {
            if (prefixes.stream().noneMatch(u::startsWith) || u.contains(" ")) {
                throw ConfigLoader.invalid(raw, s, "comma-separated " + String.join(" or ", prefixes) + " URLs such as " + example);
            }
        }
        return urls;
    }
}
