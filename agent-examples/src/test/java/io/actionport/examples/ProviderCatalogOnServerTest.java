package io.actionport.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The provider catalog deployed on a server, its GitHub tools called over MCP against a fake GitHub. */
class ProviderCatalogOnServerTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    static WireMockServer github =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    static Actionport server;
    static McpSyncClient client;

    @BeforeAll
    static void start() {
        github.start();
        server = Actionport.start(ServerConfig.defaults(dataDir)
                .withDevKey("catalog-key")
                .withDevAdminKey("catalog-admin-key")
                // GitHub and Slack are faked on loopback, which the egress policy refuses unless allowed.
                .withEgressAllow(List.of("127.0.0.1")));
        var admin = new Admin(server.baseUrl(), "catalog-admin-key");
        admin.integration("github", github.baseUrl(), "bearer");
        admin.connection("github", "acme", Map.of("token", "ghp_example"));
        for (var integration : List.of("github", "slack", "linear")) {
            admin.deployProviderCatalog(integration);
        }
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder(
                                server.baseUrl().toString())
                        .requestBuilder(HttpRequest.newBuilder()
                                .header("Authorization", "Bearer catalog-key")
                                .header("Provider-Config-Key", "github"))
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
        server.close();
        github.stop();
    }

    @Test
    void the_github_tools_carry_the_hints_their_descriptors_declare() {
        assertThat(tool("search-issues").annotations().readOnlyHint()).isTrue();
        assertThat(tool("create-issue").annotations().idempotentHint()).isFalse();
        assertThat(tool("close-issue").annotations().destructiveHint()).isTrue();
        assertThat(tool("close-issue").annotations().idempotentHint()).isTrue();
        assertThat(tool("create-issues").annotations().idempotentHint()).isTrue();
    }

    @Test
    void create_issues_runs_in_the_background_and_its_result_lists_each_new_issue() {
        github.stubFor(get(urlPathEqualTo("/search/issues")).willReturn(okJson("{\"total_count\": 0, \"items\": []}")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/issues")).willReturn(okJson("[]")));
        for (var issue : List.of(Map.entry("lint", 1360), Map.entry("e2e", 1361))) {
            github.stubFor(post(urlEqualTo("/repos/acme/shop/issues"))
                    .withRequestBody(matchingJsonPath("$.title", equalTo(issue.getKey() + " fails")))
                    .willReturn(aResponse()
                            .withStatus(201)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"number\": " + issue.getValue()
                                    + ", \"html_url\": \"https://github.com/acme/shop/issues/" + issue.getValue()
                                    + "\"}")));
        }
        var arguments = Map.of(
                "owner", "acme",
                "repo", "shop",
                "batch_id", "ci-run-4813",
                "issues",
                        List.of(
                                Map.of("key", "lint", "title", "lint fails"),
                                Map.of("key", "e2e", "title", "e2e fails")));

        var started = client.callTool(
                new McpSchema.CallToolRequest(tool("create-issues").name(), arguments));
        var link = (McpSchema.ResourceLink) started.content().getFirst();

        var execution = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> read(link.uri()),
                        view -> view.path("status").asString().equals("succeeded"));
        assertThat(execution
                        .at("/output/issues")
                        .valueStream()
                        .map(issue -> issue.path("number").asLong()))
                .containsExactly(1360L, 1361L);
        assertThat(execution.at("/output/created").asInt()).isEqualTo(2);
        github.verify(
                2,
                postRequestedFor(urlEqualTo("/repos/acme/shop/issues"))
                        .withRequestBody(matchingJsonPath("$.body", containing("batch `ci-run-4813`"))));
    }

    /** A GitHub tool by its action name; the server qualifies it as github.NAME when another integration has one. */
    static McpSchema.Tool tool(String action) {
        return client.listTools().tools().stream()
                .filter(tool -> tool.name().equals(action) || tool.name().equals("github." + action))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + action));
    }

    static JsonNode read(String uri) {
        var contents =
                client.readResource(new McpSchema.ReadResourceRequest(uri)).contents();
        return JSON.readTree(((McpSchema.TextResourceContents) contents.getFirst()).text());
    }
}
