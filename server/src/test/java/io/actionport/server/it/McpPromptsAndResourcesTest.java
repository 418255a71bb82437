package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Content;
import io.actionport.sdk.Prompt;
import io.actionport.sdk.PromptMessage;
import io.actionport.sdk.PromptsAndResources;
import io.actionport.sdk.ResourceTemplate;
import io.actionport.sdk.StaticResource;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompts, resources and completions that bundles offer, as a real MCP client sees them. */
class McpPromptsAndResourcesTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    final List<McpSyncClient> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    McpSyncClient client(String key) {
        var client = McpClients.http(server.baseUrl(), key, "demo", tools -> {});
        clients.add(client);
        return client;
    }

    @Test
    void the_server_declares_prompts_completions_and_resource_list_changes() {
        var capabilities = client(TestServer.DEV_KEY).getServerCapabilities();

        assertThat(capabilities.prompts().listChanged()).isTrue();
        assertThat(capabilities.completions()).isNotNull();
        assertThat(capabilities.resources().listChanged()).isTrue();
    }

    @Test
    void a_static_resource_is_listed_and_read_as_shipped() {
        var client = client(TestServer.DEV_KEY);

        var listed = client.listResources().resources();
        var read = client.readResource(new ReadResourceRequest("demo://readme"));

        assertThat(listed)
                .extracting(McpSchema.Resource::uri, McpSchema.Resource::name, McpSchema.Resource::mimeType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("demo://readme", "README.md", "text/markdown"));
        var text = (McpSchema.TextResourceContents) read.contents().getFirst();
        assertThat(text.uri()).isEqualTo("demo://readme");
        assertThat(text.mimeType()).isEqualTo("text/markdown");
        assertThat(text.text()).startsWith("# Demo issue tracker");
    }

    @Test
    void templates_are_listed_beside_the_execution_template() {
        var templates = client(TestServer.DEV_KEY).listResourceTemplates().resourceTemplates();

        assertThat(templates)
                .extracting(McpSchema.ResourceTemplate::uriTemplate)
                .containsExactlyInAnyOrder("demo://issues/{state}", "actionport://executions/{id}");
    }

    @Test
    void reading_a_templated_resource_runs_its_action_with_the_variables_as_input() {
        var client = client(TestServer.DEV_KEY);
        var title = "resource-" + UUID.randomUUID();
        client.callTool(new CallToolRequest("create-issue", Map.of("title", title)));

        var open = client.readResource(new ReadResourceRequest("demo://issues/open"));
        var closed = client.readResource(new ReadResourceRequest("demo://issues/closed"));

        var openJson = (McpSchema.TextResourceContents) open.contents().getFirst();
        assertThat(openJson.uri()).isEqualTo("demo://issues/open");
        assertThat(openJson.mimeType()).isEqualTo("application/json");
        assertThat(Json.MAPPER.readTree(openJson.text()).path("issues").toString())
                .contains(title);
        var closedJson = (McpSchema.TextResourceContents) closed.contents().getFirst();
        assertThat(Json.MAPPER.readTree(closedJson.text()).path("issues").isEmpty())
                .isTrue();
        var recorded = server.server.executions().recent("dev", 1).getFirst();
        assertThat(recorded.actionName()).isEqualTo("list-issues");
        assertThat(Json.MAPPER.readTree(recorded.input())).isEqualTo(Json.MAPPER.readTree("{\"state\":\"closed\"}"));
    }

    @Test
    void a_variable_the_action_refuses_is_invalid_params_naming_the_field() {
        var client = client(TestServer.DEV_KEY);

        assertThatThrownBy(() -> client.readResource(new ReadResourceRequest("demo://issues/pending")))
                .isInstanceOfSatisfying(McpError.class, e -> {
                    assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                    assertThat(e.getMessage()).contains("demo://issues/pending").contains("/state");
                });
    }

    @Test
    void an_unknown_resource_is_resource_not_found() {
        var client = client(TestServer.DEV_KEY);

        assertThatThrownBy(() -> client.readResource(new ReadResourceRequest("demo://nothing-here")))
                .isInstanceOfSatisfying(
                        McpError.class,
                        e -> assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND));
    }

    @Test
    void prompts_are_listed_with_their_arguments() {
        var prompts = client(TestServer.DEV_KEY).listPrompts().prompts();

        assertThat(prompts).extracting(McpSchema.Prompt::name).containsExactly("triage-issue");
        var arguments = prompts.getFirst().arguments();
        assertThat(arguments)
                .extracting(McpSchema.PromptArgument::name, McpSchema.PromptArgument::required)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("severity", true),
                        org.assertj.core.groups.Tuple.tuple("issue", false));
        assertThat(arguments.getFirst().description()).contains("low, medium, high");
    }

    @Test
    void getting_a_prompt_renders_its_messages_from_the_arguments() {
        var result = client(TestServer.DEV_KEY)
                .getPrompt(new GetPromptRequest("triage-issue", Map.of("severity", "high", "issue", "#7")));

        assertThat(result.messages()).hasSize(2);
        assertThat(result.messages().getFirst().role()).isEqualTo(McpSchema.Role.USER);
        assertThat(((McpSchema.TextContent) result.messages().getFirst().content()).text())
                .contains("issue #7")
                .contains("severity high");
        assertThat(result.messages().get(1).role()).isEqualTo(McpSchema.Role.ASSISTANT);
    }

    @Test
    void a_missing_required_argument_is_refused_naming_it() {
        var client = client(TestServer.DEV_KEY);

        assertThatThrownBy(() -> client.getPrompt(new GetPromptRequest("triage-issue", Map.of("issue", "#7"))))
                .isInstanceOfSatisfying(McpError.class, e -> {
                    assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                    assertThat(e.getMessage())
                            .contains("prompt 'triage-issue' needs argument 'severity'")
                            .contains("low, medium, high");
                });
        assertThatThrownBy(() -> client.getPrompt(new GetPromptRequest("triage-issue", Map.of("severity", "urgent"))))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("argument 'severity' of prompt 'triage-issue' is 'urgent'");
    }

    @Test
    void a_prompt_argument_completes_to_its_values_starting_with_the_typed_prefix() {
        var client = client(TestServer.DEV_KEY);
        var prompt = new McpSchema.PromptReference("triage-issue");

        var all = client.completeCompletion(
                new CompleteRequest(prompt, new CompleteRequest.CompleteArgument("severity", "")));
        var m = client.completeCompletion(
                new CompleteRequest(prompt, new CompleteRequest.CompleteArgument("severity", "M")));

        assertThat(all.completion().values()).containsExactly("low", "medium", "high");
        assertThat(all.completion().total()).isEqualTo(3);
        assertThat(all.completion().hasMore()).isFalse();
        assertThat(m.completion().values()).containsExactly("medium");
    }

    @Test
    void a_template_variable_completes_from_its_actions_input_enum() {
        var result = client(TestServer.DEV_KEY)
                .completeCompletion(new CompleteRequest(
                        new McpSchema.ResourceReference("demo://issues/{state}"),
                        new CompleteRequest.CompleteArgument("state", "c")));

        assertThat(result.completion().values()).containsExactly("closed");
    }

    @Test
    void the_execution_id_completes_to_the_callers_own_executions_only() {
        var caller = client(TestServer.DEV_KEY);
        var admin = client(TestServer.DEV_ADMIN_KEY);
        caller.callTool(new CallToolRequest("echo", Map.of("message", "mine")));
        admin.callTool(new CallToolRequest("echo", Map.of("message", "the admin's")));
        var executions = server.server.executions().recent("dev", 2);
        var admins = executions.getFirst().id();
        var mine = executions.get(1).id();

        var completed = caller.completeCompletion(new CompleteRequest(
                new McpSchema.ResourceReference("actionport://executions/{id}"),
                new CompleteRequest.CompleteArgument("id", mine.substring(0, 8))));

        assertThat(completed.completion().values()).contains(mine).doesNotContain(admins);
        assertThat(completed.completion().values()).allMatch(id -> id.startsWith(mine.substring(0, 8)));
        assertThat(completed.completion().hasMore()).isFalse();
    }

    @Test
    void a_deploy_announces_prompts_and_resources_once_and_an_undeploy_removes_them() {
        var toolChanges = new CopyOnWriteArrayList<Object>();
        var promptChanges = new CopyOnWriteArrayList<Object>();
        var resourceChanges = new CopyOnWriteArrayList<Object>();
        var transport = HttpClientStreamableHttpTransport.builder(
                        server.baseUrl().toString())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + TestServer.DEV_KEY))
                .build();
        var client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .toolsChangeConsumer(toolChanges::add)
                .promptsChangeConsumer(promptChanges::add)
                .resourcesChangeConsumer(resourceChanges::add)
                .build();
        clients.add(client);
        client.initialize();
        McpClients.awaitListening(server.server, toolChanges);

        server.server.registry().deploy("dev", Bundle.of("notes", new Notes(), new ReadNote()), List.of());

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> !promptChanges.isEmpty() && !resourceChanges.isEmpty());
        Awaitility.await()
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> promptChanges.size() == 1 && resourceChanges.size() == 1);
        assertThat(client.listPrompts().prompts())
                .extracting(McpSchema.Prompt::name)
                .contains("summarize-note", "triage-issue");
        assertThat(client.listResources().resources())
                .extracting(McpSchema.Resource::uri)
                .contains("notes://index");
        var note = client.readResource(new ReadResourceRequest("notes://notes/42"));
        assertThat(((McpSchema.TextResourceContents) note.contents().getFirst()).text())
                .isEqualTo("note 42");
        assertThat(client.getPrompt(new GetPromptRequest("summarize-note", Map.of()))
                        .messages()
                        .getFirst()
                        .content())
                .isInstanceOf(McpSchema.EmbeddedResource.class);

        server.server.registry().undeploy("dev", "notes");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> promptChanges.size() == 2);
        assertThat(client.listPrompts().prompts())
                .extracting(McpSchema.Prompt::name)
                .containsExactly("triage-issue");
        assertThat(client.listResources().resources())
                .extracting(McpSchema.Resource::uri)
                .doesNotContain("notes://index");
        assertThat(client.listResourceTemplates().resourceTemplates())
                .extracting(McpSchema.ResourceTemplate::uriTemplate)
                .doesNotContain("notes://notes/{id}");
        assertThatThrownBy(() -> client.readResource(new ReadResourceRequest("notes://notes/42")))
                .isInstanceOfSatisfying(
                        McpError.class,
                        e -> assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND));
        assertThatThrownBy(() -> client.getPrompt(new GetPromptRequest("summarize-note", Map.of())))
                .isInstanceOf(McpError.class);
    }

    @Test
    void a_resource_whose_action_cannot_run_says_why() {
        server.server.registry().deploy("dev", Bundle.of("orphans", new Orphans(), new ReadOrphan()), List.of());
        try {
            var client = McpClients.http(server.baseUrl(), TestServer.DEV_KEY, null, tools -> {});
            clients.add(client);

            assertThatThrownBy(() -> client.readResource(new ReadResourceRequest("orphans://things/1")))
                    .isInstanceOfSatisfying(McpError.class, e -> {
                        assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                        assertThat(e.getMessage())
                                .startsWith("cannot read orphans://things/1: ")
                                .contains("integration 'orphans' is not configured");
                    });
        } finally {
            server.server.registry().undeploy("dev", "orphans");
        }
    }

    @Test
    void a_resource_whose_variable_or_action_fails_says_why() {
        var client = McpClients.http(server.baseUrl(), TestServer.DEV_KEY, null, tools -> {});
        clients.add(client);
        server.server.registry().deploy("dev", Bundle.of("notes", new Notes(), new ReadNote()), List.of());
        try {
            assertThatThrownBy(() -> client.readResource(new ReadResourceRequest("notes://notes/seven")))
                    .isInstanceOfSatisfying(McpError.class, e -> {
                        assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                        assertThat(e.getMessage())
                                .isEqualTo("variable 'id' of notes://notes/seven is 'seven', not an integer"
                                        + " (template notes://notes/{id})");
                    });
            assertThatThrownBy(() -> client.readResource(new ReadResourceRequest("notes://notes/-1")))
                    .isInstanceOfSatisfying(McpError.class, e -> {
                        assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INTERNAL_ERROR);
                        assertThat(e.getMessage()).isEqualTo("reading notes://notes/-1 failed: no note -1");
                        assertThat(((Map<?, ?>) e.getJsonRpcError().data()).get("code"))
                                .isEqualTo("no_such_note");
                    });
        } finally {
            server.server.registry().undeploy("dev", "notes");
        }
    }

    /** A template read by an action of an integration with no configuration. */
    public static final class Orphans implements PromptsAndResources {
        @Override
        public List<ResourceTemplate> resourceTemplates() {
            return List.of(ResourceTemplate.of("orphans://things/{id}", "thing", "read-orphan"));
        }
    }

    public static final class ReadOrphan implements Action<NoteId, Note> {
        @Override
        public ActionDescriptor<NoteId, Note> descriptor() {
            return ActionDescriptor.builder("orphans", "read-orphan", NoteId.class, Note.class)
                    .description("Reads a thing of an integration nobody configured.")
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Note run(NoteId input, ActionContext context) {
            return new Note(context.provider().getJson("/things/" + input.id(), Map.of(), String.class));
        }
    }

    /** A bundle's prompt with an embedded resource, a static index, and notes read through {@link ReadNote}. */
    public static final class Notes implements PromptsAndResources {
        @Override
        public List<Prompt> prompts() {
            return List.of(Prompt.builder("summarize-note")
                    .description("Summarizes the index of notes.")
                    .messages(arguments -> List.of(
                            PromptMessage.user(Content.resource("notes://index", "text/plain", "note 42")),
                            PromptMessage.user("Summarize the notes above.")))
                    .build());
        }

        @Override
        public List<StaticResource> resources() {
            return List.of(StaticResource.text("notes://index", "index", "text/plain", "note 42"));
        }

        @Override
        public List<ResourceTemplate> resourceTemplates() {
            return List.of(ResourceTemplate.of("notes://notes/{id}", "note", "read-note"));
        }
    }

    record NoteId(int id) {}

    record Note(String text) {}

    /** Reads a note; it answers with a text block beside its output, which the resource shows instead. */
    public static final class ReadNote implements Action<NoteId, Note> {
        @Override
        public ActionDescriptor<NoteId, Note> descriptor() {
            return ActionDescriptor.builder("fake", "read-note", NoteId.class, Note.class)
                    .description("Reads a note by its number.")
                    .hints(ActionHints.READ.closedWorld())
                    .build();
        }

        @Override
        public Note run(NoteId input, ActionContext context) {
            if (input.id() < 0) {
                throw new io.actionport.sdk.ActionException("no_such_note", "no note " + input.id());
            }
            context.addContent(Content.text("note " + input.id()));
            return new Note("note " + input.id());
        }
    }
}
