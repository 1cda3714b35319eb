package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard of outgoing webhooks, with a fake resolver (no DNS in tests). */
class WebhookSsrfGuardTest {
    private static final SsrfGuard.Resolver FAKE = host -> switch (host) {
        case "hooks.example.com" -> List.of(ip("93.184.216.34"));
        case "sneaky.example.com" -> List.of(ip("93.184.216.34"), ip("127.0.0.1"));
        case "loop.example.com" -> List.of(ip("127.0.0.1"));
        case "metadata.example.com" -> List.of(ip("169.254.169.254"));
        default -> InetAddress.getAllByName(host).length > 0 && host.matches("[0-9a-f:.]+")
                ? List.of(InetAddress.getAllByName(host)) : failLookup(host);
    };
    private final SsrfGuard guard = new SsrfGuard(FAKE);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://127.9.9.9:8080/", "http://169.254.169.254/latest/meta-data/",
            "http://10.1.2.3/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/", "http://100.64.0.1/",
            "http://0.0.0.0/", "http://224.0.0.1/", "http://255.255.255.255/", "http://[::1]/", "http://[::]/",
            "http://[::ffff:127.0.0.1]/", "http://[::ffff:169.254.169.254]/", "http://[::127.0.0.1]/", "http://[fe80::1]/",
            "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[ff02::1]/", "http://[64:ff9b::a01:203]/",
            "http://[2002:7f00:1::]/", "http://loop.example.com/", "http://metadata.example.com/",
            "https://sneaky.example.com/"})
    void addresses_inside_the_server_network_are_refused_without_the_allow_list(String url) {
        assertThatThrownBy(() -> guard.check(url, host -> false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.WEBHOOK_ADDRESS_REFUSED);
                    assertThat(e.extras()).isEqualTo(Map.of("field", "url"));
                    assertThat(e.getMessage()).contains("refused");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/", "file:///etc/passwd", "gopher://hooks.example.com/", "javascript:alert(1)"})
    void only_http_and_https_are_accepted(String url) {
        assertThatThrownBy(() -> guard.check(url, host -> true)).isInstanceOf(ApiException.class);
    }

    @Test
    void a_public_address_is_accepted_and_is_the_address_connected_to() {
        SsrfGuard.Target t = guard.check("https://hooks.example.com:8443/in?x=1", host -> false);
        assertThat(t.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(t.host()).isEqualTo("hooks.example.com");
        assertThat(t.port()).isEqualTo(8443);
        assertThat(t.https()).isTrue();
    }

    @Test
    void a_host_on_the_allow_list_may_resolve_to_a_private_address() {
        SsrfGuard.Target t = guard.check("http://loop.example.com:9000/", host -> host.equals("loop.example.com"));
        assertThat(t.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(guard.check("http://[::1]:9000/", host -> host.equals("::1")).address().isLoopbackAddress()).isTrue();
    }

    @Test
    void a_name_that_does_not_resolve_is_refused() {
        assertThatThrownBy(() -> guard.check("http://nowhere.invalid/", host -> true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.WEBHOOK_ADDRESS_REFUSED));
    }

    @Test
    void credentials_in_the_url_are_refused() {
        assertThatThrownBy(() -> guard.check("https://user:pw@hooks.example.com/", host -> true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.VALIDATION));
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static List<InetAddress> failLookup(String host) throws UnknownHostException {
        throw new UnknownHostException(host);
    }
}
