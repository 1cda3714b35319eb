package org.confer.bots;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;

/**
 * Keeps outgoing webhooks off the server's own network (docs/bots-and-results.md, "SSRF guard").
 * A URL is accepted only if it is http(s) and EVERY address its host resolves to is public, or
 * the host is on the organisation's allow-list; the answer is the checked address, which the
 * delivery then connects to ({@link OutgoingHttp}), so a DNS answer that changes between the
 * check and the connection (rebinding) cannot move the request to another address.
 */
public final class SsrfGuard {
    public static final int MAX_URL_LENGTH = 2000;

    /** Name resolution; tests give a fake one (a name that resolves to 127.0.0.1, then to another address). */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        static Resolver system() {
            return host -> Arrays.asList(InetAddress.getAllByName(host));
        }
    }

    /** Where a checked URL goes: its host (for the Host header and TLS), and the address to connect to. */
    public record Target(URI uri, String host, int port, boolean https, InetAddress address) {}

    private final Resolver resolver;

    public SsrfGuard(Resolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Checks {@code url} now; {@code allowed} says whether a host (lower case) is on the bot's
     * organisation's allow-list. Refusals are {@code 422 webhook-address-refused} naming why.
     */
    public Target check(String url, Predicate<String> allowed) {
        URI uri = parse(url);
        boolean https = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        String host = hostOf(uri);
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw refused(url, "the host " + host + " does not resolve");
        }
        if (addresses == null || addresses.isEmpty()) {
            throw refused(url, "the host " + host + " does not resolve");
        }
        if (!allowed.test(host)) {
            for (InetAddress a : addresses) {
                String why = forbidden(a);
                if (why != null) {
                    throw refused(url, host + " resolves to " + a.getHostAddress() + ", " + why
                            + " (an organisation admin may allow the host: PUT /api/v1/admin/webhook-allowed-hosts)");
                }
            }
        }
        return new Target(uri, host, port, https, addresses.getFirst());
    }

    /** Syntax only (scheme, host, no credentials): what can be said without resolving. */
    static URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw ApiException.invalid("url", "url must be an http or https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url", "url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(url, "only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiException.invalid("url", "url has no host");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in the URL would be stored and shown as part of the bot's settings.
            throw ApiException.invalid("url", "url must not carry a user name or password");
        }
        return uri;
    }

    /** The host as the allow-list holds it: lower case, IPv6 literals without brackets. */
    static String hostOf(URI uri) {
        String h = uri.getHost().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** Why an address may not be reached, or null when it is a public unicast address. */
    static String forbidden(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return forbiddenV4(b);
        }
        if (a instanceof Inet6Address) {
            return forbiddenV6(b);
        }
        return "not an IP address";
    }

    private static String forbiddenV4(byte[] b) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        if (o0 == 0) {
            return "an unspecified address (0.0.0.0/8)";
        }
        if (o0 == 127) {
            return "a loopback address";
        }
        if (o0 == 10 || (o0 == 172 && (o1 & 0xf0) == 16) || (o0 == 192 && o1 == 168)) {
            return "a private address";
        }
        if (o0 == 169 && o1 == 254) {
            return "a link-local address (169.254.0.0/16, cloud metadata)";
        }
        if (o0 == 100 && (o1 & 0xc0) == 64) {
            return "a shared (CGNAT) address (100.64.0.0/10)";
        }
        if (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0) {
            return "an IETF protocol address (192.0.0.0/24)";
        }
        if (o0 == 198 && (o1 & 0xfe) == 18) {
            return "a benchmarking address (198.18.0.0/15)";
        }
        if (o0 >= 224 && o0 <= 239) {
            return "a multicast address";
        }
        if (o0 >= 240) {
            return "a reserved or broadcast address";
        }
        return null;
    }

    private static String forbiddenV6(byte[] b) {
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) {
            first10Zero &= b[i] == 0;
        }
        if (first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, "IPv4-mapped");
        }
        if (first10Zero && b[10] == 0 && b[11] == 0) {
            boolean low4Zero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (low4Zero && (b[15] == 0 || b[15] == 1)) {
                return b[15] == 0 ? "the unspecified address" : "a loopback address";
            }
            return embedded(b, 12, "IPv4-compatible");
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        if ((w0 & 0xffc0) == 0xfe80) {
            return "a link-local address (fe80::/10)";
        }
        if ((w0 & 0xffc0) == 0xfec0) {
            return "a site-local address (fec0::/10)";
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return "a unique-local (private) address (fc00::/7)";
        }
        if ((w0 & 0xff00) == 0xff00) {
            return "a multicast address";
        }
        if (w0 == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return embedded(b, 12, "NAT64");
        }
        if (w0 == 0x2002) {
            return embedded(b, 2, "6to4");
        }
        return null;
    }

    /** IPv6 forms that carry an IPv4 address are judged by the IPv4 address they reach. */
    private static String embedded(byte[] b, int from, String form) {
        String why = forbiddenV4(Arrays.copyOfRange(b, from, from + 4));
        return why == null ? null : why + " in " + form + " IPv6 form";
    }

    private static ApiException refused(String url, String why) {
        return new ApiException(ProblemType.WEBHOOK_ADDRESS_REFUSED, "The webhook URL is refused: " + why, Map.of("field", "url"));
    }
}
