package io.actionport.server.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.actionport.sdk.ProviderRequest;
import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.egress.EgressPolicy;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client inside actions, against WireMock on 127.0.0.1: retries, timeouts and path refusals. */
class ProviderHttpClientTest {

    static final WireMockServer provider = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    final List<ProviderCall> calls = new CopyOnWriteArrayList<>();
    ProviderHttpClient client;

    @BeforeAll
    static void start() {
        provider.start();
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    @BeforeEach
    void reset() {
        provider.resetAll();
        client = clientFor(URI.create(provider.baseUrl() + "/api"));
    }

    ProviderHttpClient clientFor(URI baseUrl) {
        var target = new ResolvedConnection(
                new Integration("dev", "fake", baseUrl, AuthScheme.BEARER, null),
                new Connection("dev", "fake", "c1", Map.of("token", "t0k3n-value"), Map.of()),
                new ConnectionCredentials(null, null, Clock.systemUTC()));
        return new ProviderHttpClient(
                EgressHttpClient.create(EgressPolicy.allowing(List.of("127.0.0.1:" + provider.port()))),
                target,
                calls::add);
    }

    @Test
    void a_get_answered_429_is_retried_after_its_retry_after() {
        provider.stubFor(get(urlEqualTo("/api/limited"))
                .inScenario("limited")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        provider.stubFor(get(urlEqualTo("/api/limited"))
                .inScenario("limited")
                .whenScenarioStateIs("open")
                .willReturn(okJson("{\"ok\":true}")));

        var response = client.send(ProviderRequest.get("/limited"));

        assertThat(response.status()).isEqualTo(200);
        var requests = provider.findAll(getRequestedFor(urlEqualTo("/api/limited")));
        assertThat(requests).hasSize(2);
        assertThat(Duration.between(
                        requests.get(0).getLoggedDate().toInstant(),
                        requests.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(calls).extracting(ProviderCall::status).containsExactly(429, 200);
    }

    @Test
    void a_post_answered_429_is_not_retried() {
        provider.stubFor(post(urlEqualTo("/api/issues"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

        var response = client.send(ProviderRequest.post("/issues", Map.of("title", "x")));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.retryAfter()).contains(Duration.ofSeconds(1));
        provider.verify(1, postRequestedFor(urlEqualTo("/api/issues")));
    }

    @Test
    void a_post_marked_idempotent_is_retried_on_a_5xx() {
        provider.stubFor(post(urlEqualTo("/api/imports"))
                .inScenario("import")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        provider.stubFor(post(urlEqualTo("/api/imports"))
                .inScenario("import")
                .whenScenarioStateIs("up")
                .willReturn(okJson("{\"id\":1}")));

        var response = client.send(ProviderRequest.post("/imports", Map.of("batch", "b1"))
                .withHeader("Idempotency-Key", "b1")
                .markIdempotent());

        assertThat(response.status()).isEqualTo(200);
        provider.verify(2, postRequestedFor(urlEqualTo("/api/imports")));
    }

    @Test
    void a_get_that_keeps_failing_is_tried_three_times_and_its_last_answer_returned() {
        provider.stubFor(get(urlEqualTo("/api/down")).willReturn(aResponse().withStatus(502)));

        var response = client.send(ProviderRequest.get("/down"));

        assertThat(response.status()).isEqualTo(502);
        provider.verify(ProviderHttpClient.MAX_ATTEMPTS, getRequestedFor(urlEqualTo("/api/down")));
    }

    @Test
    void a_retry_after_longer_than_the_longest_wait_ends_the_retries_at_once() {
        provider.stubFor(get(urlEqualTo("/api/later"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        var response = client.send(ProviderRequest.get("/later"));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.retryAfter()).contains(Duration.ofSeconds(120));
        provider.verify(1, getRequestedFor(urlEqualTo("/api/later")));
    }

    @Test
    void a_request_times_out_after_its_own_timeout_and_is_not_retried() {
        provider.stubFor(get(urlEqualTo("/api/slow")).willReturn(okJson("{}").withFixedDelay(3_000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.send(ProviderRequest.get("/slow").withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(ProviderHttpClient.ProviderUnreachableException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class)
                .hasMessage("provider of fake at localhost did not answer: HttpTimeoutException request timed out");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        provider.verify(1, getRequestedFor(urlEqualTo("/api/slow")));
        assertThat(ProviderRequest.get("/x").timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void credentials_are_added_and_paths_and_queries_are_encoded_below_the_base_url() {
        provider.stubFor(get(urlPathEqualTo("/api/search/a%20b")).willReturn(okJson("[]")));

        var response = client.send(ProviderRequest.get("/search/a b").withQuery(Map.of("q", "x&y=1")));

        assertThat(response.status()).isEqualTo(200);
        var request = provider.getAllServeEvents().getFirst().getRequest();
        assertThat(request.getUrl()).isEqualTo("/api/search/a%20b?q=x%26y%3D1");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer t0k3n-value");
    }

    @Test
    void paths_that_would_leave_the_base_url_are_refused_before_anything_is_sent() {
        assertThatThrownBy(() -> client.send(ProviderRequest.get("/../admin")))
                .isInstanceOf(ProviderHttpClient.ForbiddenProviderTargetException.class)
                .hasMessage("refused provider path '/../admin': it has a dot segment (. or ..)");
        assertThatThrownBy(() -> client.send(ProviderRequest.get("//evil.example/steal")))
                .isInstanceOf(ProviderHttpClient.ForbiddenProviderTargetException.class)
                .hasMessage("refused provider path '//evil.example/steal': it has an empty segment (//)");
        assertThat(provider.getAllServeEvents()).isEmpty();
    }
}
