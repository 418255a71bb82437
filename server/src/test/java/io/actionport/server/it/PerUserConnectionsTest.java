package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.actionport.server.connection.ConnectionException;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-user connections: a call for an end user (an OAuth token's subject, or a backend's
 * {@code End-User-Id}) uses that user's connection, never another's, and gets a connect link when
 * the user has none.
 */
class PerUserConnectionsTest extends ConnectFixture {

    @Test
    void two_end_users_calling_the_same_tool_each_reach_only_their_own_connection() throws Exception {
        provider.signInAs = "alice";
        open(link("alice"));
        provider.signInAs = "bob";
        open(link("bob"));

        var byAlice = trigger("alice", null);
        var byBob = trigger("bob", null);

        assertThat(byAlice.body()).isEqualTo("{\"name\":\"alice\"}");
        assertThat(byBob.body()).isEqualTo("{\"name\":\"bob\"}");
        assertThat(provider.apiTokens)
                .containsExactly(FakeOAuthProvider.accessTokenOf("alice"), FakeOAuthProvider.accessTokenOf("bob"));
    }

    @Test
    void an_end_user_id_that_breaks_the_rule_is_refused_naming_the_header() throws Exception {
        var call = trigger("has space", null);

        assertThat(call.statusCode()).isEqualTo(400);
        assertThat(errorCode(call)).isEqualTo("invalid_header");
        assertThat(call.body()).contains("End-User-Id must be 1 to 256");
    }

    @Test
    void a_queued_execution_runs_with_the_connection_of_the_user_it_was_started_for() throws Exception {
        open(link("alice"));

        var accepted = send(HttpRequest.newBuilder(server.baseUrl().resolve("/action/trigger"))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .header("Provider-Config-Key", "crm")
                .header("End-User-Id", "alice")
                .header("X-Async", "true")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action_name\":\"who-am-i\",\"input\":{}}")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        var status = server.baseUrl()
                .resolve(Json.MAPPER.readTree(accepted.body()).get("statusUrl").asString());

        var done = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> send(
                                HttpRequest.newBuilder(status).header("Authorization", "Bearer " + TestServer.DEV_KEY)),
                        response -> response.statusCode() != 404);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("\"name\":\"alice\"");
        var view = send(HttpRequest.newBuilder(server.baseUrl()
                        .resolve("/executions/"
                                + Json.MAPPER
                                        .readTree(accepted.body())
                                        .get("id")
                                        .asString()))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY));
        assertThat(Json.MAPPER.readTree(view.body()).get("end_user_id").asString())
                .isEqualTo("alice");
    }

    @Test
    void a_backend_key_names_the_end_user_of_an_mcp_session() throws Exception {
        provider.signInAs = "erin";
        open(link("erin"));
        var transport = HttpClientStreamableHttpTransport.builder(
                        server.baseUrl().toString())
                .requestBuilder(HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Provider-Config-Key", "crm")
                        .header("End-User-Id", "erin"))
                .build();
        try (var client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
            client.initialize();

            var result = client.callTool(new McpSchema.CallToolRequest("who-am-i", Map.of()));

            assertThat(result.isError()).as(result.toString()).isFalse();
            assertThat(result.structuredContent()).isEqualTo(Map.of("name", "erin"));
        }
    }

    @Test
    void naming_another_users_connection_is_refused_exactly_like_an_unknown_one() throws Exception {
        open(link("alice"));
        var alices =
                server.connections().ownedBy("dev", "crm", "alice").getFirst().connectionId();

        var byBob = trigger("bob", alices);
        var unknown = trigger("bob", "no-such-connection");
        var byNobody = trigger(null, alices);

        assertThat(byBob.statusCode()).isEqualTo(404);
        assertThat(byNobody.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(byBob)).isEqualTo(errorCode(unknown)).isEqualTo("unknown_connection");
        assertThat(byBob.body().replace(alices, "X")).isEqualTo(unknown.body().replace("no-such-connection", "X"));
        assertThat(provider.apiTokens).isEmpty();
    }

    @Test
    void a_dry_run_uses_a_users_connection_only_for_that_user() throws Exception {
        open(link("alice"));
        var alices =
                server.connections().ownedBy("dev", "crm", "alice").getFirst().connectionId();
        var action = server.registry().find("dev", "crm", "who-am-i").orElseThrow();
        var input = Json.MAPPER.createObjectNode();

        var forAlice = server.runner().dryRun("dev", action, alices, "alice", input, false);

        assertThat(forAlice.output().get("name").asString()).isEqualTo("alice");
        assertThatThrownBy(() -> server.runner().dryRun("dev", action, alices, null, input, false))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> server.runner().dryRun("dev", action, alices, "bob", input, false))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void a_caller_without_an_end_user_cannot_use_a_users_connection_implicitly() throws Exception {
        open(link("alice"));
        var alices =
                server.connections().ownedBy("dev", "crm", "alice").getFirst().connectionId();

        var call = trigger(null, null);

        assertThat(call.statusCode()).isEqualTo(400);
        assertThat(errorCode(call)).isEqualTo("missing_connection");
        assertThat(call.body()).doesNotContain(alices);
        assertThat(provider.apiTokens).isEmpty();
    }

    @Test
    void a_user_without_a_connection_gets_a_connect_link_that_works_over_http() throws Exception {
        provider.signInAs = "carol";
        var first = trigger("carol", null);

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(errorCode(first)).isEqualTo("connection_required");
        var connectUrl =
                Json.MAPPER.readTree(first.body()).at("/error/connect_url").asString();
        assertThat(connectUrl).matches(LINK);
        assertThat(provider.apiTokens).isEmpty();

        assertThat(open(URI.create(connectUrl)).statusCode()).isEqualTo(200);
        assertThat(trigger("carol", null).body()).isEqualTo("{\"name\":\"carol\"}");
    }

    @Test
    void an_mcp_caller_with_a_token_gets_a_connect_link_and_then_uses_its_own_connection() throws Exception {
        var token = issuer.anyToken(
                        issuer.issuerUrl("default"),
                        Map.of("sub", "dave", "aud", resource(), "scope", "mcp:tools"),
                        Duration.ofMinutes(5))
                .serialize();
        provider.signInAs = "dave";

        var first = whoAmIOverMcp(token, null);

        assertThat(first.result().get("isError").asBoolean()).isTrue();
        var text = first.result().at("/content/0/text").asString();
        assertThat(text).contains("connection_required").contains("has not connected 'crm'");
        var matcher = LINK.matcher(text);
        assertThat(matcher.find()).isTrue();
        assertThat(open(URI.create(matcher.group())).statusCode()).isEqualTo(200);

        var second = whoAmIOverMcp(token, null);

        assertThat(second.result().get("isError").asBoolean())
                .as(second.result().toString())
                .isFalse();
        assertThat(second.result().at("/structuredContent/name").asString()).isEqualTo("dave");
        assertThat(server.executions()
                        .search(
                                "dev",
                                new io.actionport.server.store.ExecutionStore.Filter(
                                        null, null, null, null, null, "oauth:dave"),
                                10)
                        .getFirst()
                        .endUser())
                .isEqualTo("dave");
    }

    @Test
    void an_mcp_token_cannot_act_for_another_end_user() {
        var token = issuer.anyToken(
                        issuer.issuerUrl("default"),
                        Map.of("sub", "dave", "aud", resource(), "scope", "mcp:tools"),
                        Duration.ofMinutes(5))
                .serialize();

        var answer = whoAmIOverMcp(token, "alice");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error().get("message").asString()).contains("acts for its subject 'dave' only");
    }

    @Test
    void an_end_user_header_sent_empty_or_twice_is_refused_not_taken_for_nobody_or_the_first() throws Exception {
        open(link("alice"));
        var base = HttpRequest.newBuilder(server.baseUrl().resolve("/action/trigger"))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .header("Provider-Config-Key", "crm")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action_name\":\"who-am-i\",\"input\":{}}"));

        var empty = send(base.copy().header("End-User-Id", " "));
        var twice = send(base.copy().header("End-User-Id", "alice").header("End-User-Id", "bob"));

        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(errorCode(empty)).isEqualTo("invalid_header");
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
        assertThat(twice.body()).contains("End-User-Id was sent 2 times");
        assertThat(provider.apiTokens).isEmpty();
    }
}
