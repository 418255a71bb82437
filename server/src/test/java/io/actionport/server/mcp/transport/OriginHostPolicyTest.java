package io.actionport.server.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginHostPolicyTest {

    private final OriginHostPolicy policy = new OriginHostPolicy(
            List.of("https://app.example.com", "http://localhost:*"), List.of("localhost:*", "[::1]:*"));

    @Test
    void admits_exact_origins_case_insensitively() {
        assertThatCode(() -> policy.check(headers("HTTPS://App.Example.com", "localhost:8080")))
                .doesNotThrowAnyException();
    }

    @Test
    void admits_any_port_and_no_port_for_a_wildcard_entry() {
        assertThatCode(() -> policy.check(headers("http://localhost:6274", "localhost")))
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.check(headers("http://localhost", "[::1]:9000")))
                .doesNotThrowAnyException();
    }

    @Test
    void does_not_let_a_wildcard_port_cover_another_host() {
        assertThat(rejection(headers("http://localhost.evil.example:80", "localhost:8080"))
                        .status())
                .isEqualTo(403);
        assertThat(rejection(headers(null, "localhost.evil.example:8080")).status())
                .isEqualTo(421);
    }

    @Test
    void does_not_take_an_exact_origin_entry_as_a_pattern() {
        assertThat(rejection(headers("https://app.example.com:8443", "localhost"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void refuses_the_opaque_null_origin_of_sandboxed_pages() {
        assertThat(rejection(headers("null", "localhost")).getMessage())
                .isEqualTo("Forbidden: Origin null is not allowed");
    }

    @Test
    void refuses_a_missing_host_when_hosts_are_restricted() {
        assertThat(rejection(headers(null, null)).status()).isEqualTo(421);
    }

    @Test
    void admits_any_host_and_no_origin_by_default() {
        OriginHostPolicy open = new OriginHostPolicy(List.of(), List.of());

        assertThatCode(() -> open.check(headers(null, "anything.example:1"))).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(TransportRejection.class, () -> open.check(headers("http://localhost", null)))
                        .status())
                .isEqualTo(403);
    }

    private TransportRejection rejection(HttpHeaders headers) {
        return catchThrowableOfType(TransportRejection.class, () -> policy.check(headers));
    }

    private static HttpHeaders headers(String origin, String host) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (origin != null) {
            headers.set("Origin", origin);
        }
        if (host != null) {
            headers.set("Host", host);
        }
        return headers;
    }
}
