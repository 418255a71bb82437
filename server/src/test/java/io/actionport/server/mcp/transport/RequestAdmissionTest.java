package io.actionport.server.mcp.transport;

import static io.actionport.server.mcp.transport.RawHttp.assertError;
import static io.actionport.server.mcp.transport.RawHttp.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** What a request must pass before MCP sees it: the Origin and Host allow-lists and the gate. */
class RequestAdmissionTest {

    @Test
    void rejects_a_foreign_origin_with_403() {
        try (var server = McpTestServer.start(builder -> builder.allowedOrigins(List.of("https://app.example.com")));
                var http = new RawHttp(server.uri("/mcp"))) {

            HttpResponse<String> response =
                    http.send(http.post(RawHttp.INITIALIZE).header("Origin", "https://evil.example"));

            assertError(response, 403, -32000, "Forbidden: Origin https://evil.example is not allowed");
            assertThat(server.provider().activeSessions()).isZero();
        }
    }

    @Test
    void admits_allow_listed_origins_and_requests_without_origin() {
        try (var server = McpTestServer.start(builder -> builder.allowedOrigins(List.of("http://localhost:*")));
                var http = new RawHttp(server.uri("/mcp"))) {

            assertThat(http.send(http.post(RawHttp.INITIALIZE).header("Origin", "http://localhost:6274"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(http.send(http.post(RawHttp.INITIALIZE)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void rejects_a_host_that_is_not_allow_listed_with_421() {
        try (var server = McpTestServer.start(builder -> builder.allowedHosts(List.of("localhost:*")));
                var http = new RawHttp(server.uri("/mcp"))) {

            HttpResponse<String> response = http.send(http.post(RawHttp.INITIALIZE));

            String host = server.uri("/mcp").getAuthority();
            assertError(response, 421, -32000, "Misdirected Request: Host " + host + " is not allowed");
        }
    }

    @Test
    void admits_an_allow_listed_host() {
        try (var server = McpTestServer.start(builder -> builder.allowedHosts(List.of("127.0.0.1:*")));
                var http = new RawHttp(server.uri("/mcp"))) {

            assertThat(http.send(http.post(RawHttp.INITIALIZE)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void answers_a_gate_rejection_with_its_status_message_and_headers() {
        McpRequestGate bearerOnly = request -> Mono.just(
                "Bearer good".equals(request.requestHeaders().get("Authorization"))
                        ? GateDecision.allow()
                        : GateDecision.reject(
                                401,
                                "Unauthorized: a valid bearer token is required",
                                Map.of("WWW-Authenticate", "Bearer realm=\"actionport\"")));
        try (var server = McpTestServer.start(builder -> builder.requestGate(bearerOnly));
                var http = new RawHttp(server.uri("/mcp"))) {

            HttpResponse<String> refused = http.send(http.post(RawHttp.INITIALIZE));
            HttpResponse<String> admitted =
                    http.send(http.post(RawHttp.INITIALIZE).header("Authorization", "Bearer good"));

            assertError(refused, 401, -32000, "Unauthorized: a valid bearer token is required");
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"actionport\"");
            assertThat(admitted.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void gates_every_request_not_just_initialize() {
        McpRequestGate initializeOnly = request -> Mono.just(
                request.requestHeaders().contains("Mcp-Session-Id")
                        ? GateDecision.reject(403, "Forbidden: token revoked")
                        : GateDecision.allow());
        try (var server = McpTestServer.start(builder -> builder.requestGate(initializeOnly));
                var http = new RawHttp(server.uri("/mcp"))) {
            String session = http.send(http.post(RawHttp.INITIALIZE))
                    .headers()
                    .firstValue("Mcp-Session-Id")
                    .orElseThrow();

            assertError(
                    http.send(http.post(session, toolCall(2, "echo", "{}"))), 403, -32000, "Forbidden: token revoked");
            assertError(http.send(http.get(session)), 403, -32000, "Forbidden: token revoked");
            assertError(http.send(http.delete(session)), 403, -32000, "Forbidden: token revoked");
        }
    }

    @Test
    void shows_gate_attributes_to_tools_over_the_extracted_context() {
        McpRequestGate withPrincipal = request -> Mono.just(GateDecision.allow(Map.of("principal", "alice")));
        try (var server = McpTestServer.start(builder -> builder.requestGate(withPrincipal));
                var http = new RawHttp(server.uri("/mcp"))) {
            String session = http.initialize();

            HttpResponse<String> response =
                    http.send(http.post(session, toolCall(2, "whoami", "{}")).header("Connection-Id", "conn-7"));

            assertThat(RawHttp.json(response)
                            .path("result")
                            .path("content")
                            .path(0)
                            .path("text")
                            .asString())
                    .isEqualTo("connection=conn-7 principal=alice");
        }
    }

    @Test
    void answers_a_failing_gate_with_500_and_no_internals() {
        McpRequestGate broken = request -> Mono.error(new IllegalStateException("token store at 10.0.0.5 is down"));
        try (var server = McpTestServer.start(builder -> builder.requestGate(broken));
                var http = new RawHttp(server.uri("/mcp"))) {

            HttpResponse<String> response = http.send(http.post(RawHttp.INITIALIZE));

            assertError(response, 500, -32603, "Internal error: the request could not be processed");
            assertThat(response.body()).doesNotContain("10.0.0.5", "IllegalStateException", "\tat ");
        }
    }

    @Test
    void answers_a_failing_context_extractor_with_500_and_no_stack_trace() {
        try (var server = McpTestServer.start(builder -> builder.contextExtractor(request -> {
                    throw new IllegalArgumentException("boom");
                }));
                var http = new RawHttp(server.uri("/mcp"))) {

            HttpResponse<String> response = http.send(http.post(RawHttp.INITIALIZE));

            assertError(response, 500, -32603, "Internal error: the request could not be processed");
            assertThat(response.body()).doesNotContain("boom", "Exception", "\tat ");
        }
    }

    @Test
    void treats_a_gate_that_decides_nothing_as_a_failure() {
        McpRequestGate silent = request -> Mono.empty();
        try (var server = McpTestServer.start(builder -> builder.requestGate(silent));
                var http = new RawHttp(server.uri("/mcp"))) {

            assertThat(http.send(http.post(RawHttp.INITIALIZE)).statusCode()).isEqualTo(500);
            assertThat(server.provider().activeSessions()).isZero();
        }
    }
}
