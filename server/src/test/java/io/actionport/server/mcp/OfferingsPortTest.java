package io.actionport.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The port the stateless era serves prompts and resources through: JSON in the MCP wire shapes. */
class OfferingsPortTest {

    @TempDir
    static Path dataDir;

    static Actionport server;
    static OfferingsPort port;

    @BeforeAll
    static void start() {
        server = Actionport.start(ServerConfig.defaults(dataDir)
                .withDevKey("port-dev-key")
                .withDevAdminKey("port-dev-admin-key")
                .withMasterKey(Base64.getEncoder().encodeToString(new byte[32]))
                .withDevWebhook(null, null));
        var offerings = EnvironmentOfferings.of("dev", null, server.registry(), server.toolRunner());
        port = new OfferingsPort(offerings, null, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void lists_come_back_in_the_wire_shape() {
        assertThat(port.listResources().path("resources").get(0).path("uri").asString())
                .isEqualTo("demo://readme");
        assertThat(port.listResourceTemplates().path("resourceTemplates").toString())
                .contains("\"uriTemplate\":\"demo://issues/{state}\"")
                .contains("\"uriTemplate\":\"actionport://executions/{id}\"");
        var prompt = port.listPrompts().path("prompts").get(0);
        assertThat(prompt.path("name").asString()).isEqualTo("triage-issue");
        assertThat(prompt.path("arguments").get(0).path("required").asBoolean()).isTrue();
    }

    @Test
    void reads_a_static_and_a_templated_resource_and_nothing_for_an_unknown_uri() {
        var readme = port.readResource("demo://readme", null).block().orElseThrow();
        var issues = port.readResource("demo://issues/all", null).block().orElseThrow();

        assertThat(readme.path("contents").get(0).path("text").asString()).startsWith("# Demo issue tracker");
        var json = issues.path("contents").get(0);
        assertThat(json.path("mimeType").asString()).isEqualTo("application/json");
        assertThat(Json.MAPPER.readTree(json.path("text").asString()).has("issues"))
                .isTrue();
        assertThat(port.readResource("demo://nothing", null).block()).isEmpty();
    }

    @Test
    void gets_a_prompt_and_refuses_a_missing_argument_with_invalid_params() {
        var rendered = port.getPrompt(
                        "triage-issue", Json.MAPPER.readTree("{\"severity\":\"low\"}"), ProgressListener.NONE)
                .block();

        assertThat(rendered.path("messages").get(0).path("role").asString()).isEqualTo("user");
        assertThat(rendered.path("messages").get(0).path("content").path("text").asString())
                .contains("severity low");
        assertThatThrownBy(() -> port.getPrompt("triage-issue", null, ProgressListener.NONE)
                        .block())
                .isInstanceOfSatisfying(McpError.class, e -> {
                    assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                    assertThat(e.getMessage()).contains("needs argument 'severity'");
                });
    }

    @Test
    void completes_from_plain_request_params() {
        var completed = port.complete(
                        Json.MAPPER.readTree("{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"triage-issue\"},"
                                + "\"argument\":{\"name\":\"severity\",\"value\":\"h\"}}"))
                .block();

        assertThat(completed.path("completion").path("values").toString()).isEqualTo("[\"high\"]");
        assertThat(completed.path("completion").path("total").asInt()).isEqualTo(1);
        assertThat(completed.path("completion").path("hasMore").asBoolean()).isFalse();
        assertThatThrownBy(() ->
                        port.complete(Json.MAPPER.readTree("{\"argument\":{}}")).block())
                .isInstanceOfSatisfying(
                        McpError.class,
                        e -> assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
    }
}
