package io.actionport.server.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The egress client on real sockets: a fake DNS answers a public-looking name with loopback, the
 * way DNS rebinding would, and the client must not connect unless that name is allow-listed.
 */
class EgressHttpClientTest {

    static final WireMockServer fake = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    static final WireMockServer other = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    /** Every name resolves to loopback, as a rebinding DNS answer would. */
    static final EgressPolicy.HostResolver REBINDING_DNS = name -> {
        if (!name.endsWith(".example.com")) {
            throw new UnknownHostException(name);
        }
        return List.of(InetAddress.getByName("127.0.0.1"));
    };

    @BeforeAll
    static void start() {
        fake.start();
        other.start();
    }

    @AfterAll
    static void stop() {
        fake.stop();
        other.stop();
    }

    @BeforeEach
    void reset() {
        fake.resetAll();
        other.resetAll();
        fake.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("inside")));
        other.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("other")));
    }

    static EgressHttpClient client(String... allowed) {
        return EgressHttpClient.create(EgressPolicy.allowing(List.of(allowed), REBINDING_DNS));
    }

    static EgressHttpClient.Request fetch(String url) {
        return new EgressHttpClient.Request("GET", URI.create(url), Map.of(), null, Duration.ofSeconds(5));
    }

    @Test
    void a_public_name_that_resolves_to_loopback_is_not_connected_to() {
        var url = "http://provider.example.com:" + fake.port() + "/data";

        assertThatThrownBy(() -> client().send(fetch(url)))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessageStartingWith("refused provider.example.com:" + fake.port()
                        + ": provider.example.com resolves to 127.0.0.1, a loopback address (127.0.0.0/8)");
        assertThat(fake.getAllServeEvents()).isEmpty();
    }

    @Test
    void an_address_literal_in_any_spelling_is_checked_before_connecting() {
        for (var host : List.of("127.0.0.1", "2130706433", "0x7f000001", "127.1", "[::ffff:127.0.0.1]")) {
            assertThatThrownBy(() -> client().send(fetch("http://" + host + ":" + fake.port() + "/data")))
                    .as(host)
                    .isInstanceOf(EgressRefusedException.class)
                    .hasMessageContaining("a loopback address");
        }
        assertThat(fake.getAllServeEvents()).isEmpty();
    }

    @Test
    void an_allow_listed_fake_is_reached_by_name_and_by_address() throws Exception {
        var byName = client("provider.example.com:" + fake.port())
                .send(fetch("http://provider.example.com:" + fake.port() + "/data"));
        var byAddress = client("127.0.0.1:" + fake.port()).send(fetch("http://127.0.0.1:" + fake.port() + "/data"));

        assertThat(byName.status()).isEqualTo(200);
        assertThat(new String(byName.body())).isEqualTo("inside");
        assertThat(byAddress.status()).isEqualTo(200);
        fake.verify(getRequestedFor(urlEqualTo("/data"))
                .withHeader("Host", equalTo("provider.example.com:" + fake.port())));
    }

    @Test
    void an_allowed_address_and_port_is_connected_to_not_looked_up_as_a_name() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        var client = EgressHttpClient.create(EgressPolicy.allowing(List.of("127.0.0.1:" + closedPort), name -> {
            throw new AssertionError("looked up the name '" + name + "'");
        }));

        assertThatThrownBy(() -> client.send(fetch("http://127.0.0.1:" + closedPort + "/x")))
                .isInstanceOf(java.net.ConnectException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }

    @Test
    void a_redirect_from_an_allowed_fake_to_another_loopback_port_is_not_followed() throws Exception {
        fake.stubFor(get(urlEqualTo("/moved"))
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", "http://127.0.0.1:" + other.port() + "/admin")));
        var client = client("127.0.0.1:" + fake.port());

        var answer = client.send(fetch("http://127.0.0.1:" + fake.port() + "/moved"));

        assertThat(answer.status()).isEqualTo(302);
        assertThatThrownBy(
                        () -> client.send(fetch(answer.headers().get("location").getFirst())))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessageContaining("127.0.0.1:" + other.port())
                .hasMessageContaining("127.0.0.1 is a loopback address");
        assertThat(other.getAllServeEvents()).isEmpty();
    }
}
