package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.cli.ActionportCli;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management commands against a running server, as a user types them. */
class CliTest {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path work;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
        TestServer.createEnvironment(server.server, "authoring", AUTHORING_KEY, "cli-authoring-caller-key");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        return cliWithKey(TestServer.DEV_ADMIN_KEY, args);
    }

    static Run cliWithKey(String key, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = ActionportCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        var all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", server.baseUrl().toString(), "--key", key));
        var previous = System.out;
        var captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            int code = commandLine.execute(all.toArray(String[]::new));
            return new Run(code, captured + out.toString(), err.toString());
        } finally {
            System.setOut(previous);
        }
    }

    @Test
    void deploying_one_action_of_a_bundle_makes_a_new_version_and_tells_mcp_clients() throws Exception {
        var jar = work.resolve("demo-bundle.jar");
        try (var in = CliTest.class.getResourceAsStream("/bundles/demo-bundle.jar")) {
            Files.write(jar, in.readAllBytes());
        }
        var changes = new CopyOnWriteArrayList<List<McpSchema.Tool>>();
        McpSyncClient client = McpClients.http(server.baseUrl(), TestServer.DEV_KEY, "demo", changes::add);
        McpClients.awaitListening(server.server, changes);
        try {
            var run = cli("deploy", jar.toString(), "dev", "--action", "echo");

            assertThat(run.code()).isZero();
            assertThat(run.out()).contains("deployed demo v2 to dev: [\"demo/echo\"]");
            await().atMost(Duration.ofSeconds(5)).until(() -> !changes.isEmpty());
            // A one-action deploy replaces that action and leaves the bundle's others live.
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("echo", "create-issue", "list-issues", "bulk-import");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void deploy_to_another_environment_than_the_keys_is_refused() throws Exception {
        var jar = work.resolve("demo-bundle-2.jar");
        try (var in = CliTest.class.getResourceAsStream("/bundles/demo-bundle.jar")) {
            Files.write(jar, in.readAllBytes());
        }

        var run = cli("deploy", jar.toString(), "prod");

        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err())
                .startsWith("error: wrong_environment: ")
                .contains("belongs to environment 'dev', not 'prod'");
    }

    @Test
    void connections_are_created_listed_without_secrets_and_deleted() {
        var created = cli(
                "connections", "create", "acme", "--integration", "fake", "--credential", "token=very-secret-value");
        var listed = cli("connections", "list");
        var deleted = cli("connections", "delete", "acme", "--integration", "fake");
        var again = cli("connections", "delete", "acme", "--integration", "fake");

        assertThat(created.code()).isZero();
        assertThat(listed.out()).contains("acme").contains("[\"token\"]").doesNotContain("very-secret-value");
        assertThat(deleted.code()).isZero();
        assertThat(again.code()).isEqualTo(3);
        assertThat(again.err()).startsWith("error: unknown_connection: ");
    }

    @Test
    void actions_list_shows_each_action_with_its_kind() {
        var run = cli("actions", "list");

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("demo/echo")
                .contains("fake/crashy")
                .containsPattern("fake/get-thing +1.0.0 +read");
    }

    @Test
    void executions_are_listed_shown_and_cancelled_from_the_command_line() throws Exception {
        var id = server.server
                .jobs("dev", "fake", null)
                .submit("slow-write", java.util.Map.of("batch", "cli", "millis", 20_000));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.server
                        .executions()
                        .find("dev", id)
                        .map(record -> record.status().wireName().equals("running"))
                        .orElse(false));

        var listed = cli("executions", "list");
        var cancelled = cli("executions", "cancel", id);
        var shown = cli("executions", "get", id);

        assertThat(listed.out()).contains(id).contains("fake/slow-write");
        assertThat(cancelled.code()).isZero();
        assertThat(shown.out()).contains("\"status\" : \"cancelled\"");
    }

    @Test
    void the_webhook_and_integrations_are_managed_from_the_command_line() {
        var set = cli("webhook", "set", "https://hooks.example.com/hook", "--secret", "whsec_c2VjcmV0");
        var shown = cli("webhook", "show");
        var integration =
                cli("integrations", "set", "linear", "--base-url", "https://api.linear.app", "--auth-scheme", "bearer");
        var integrations = cli("integrations", "list");
        var removed = cli("webhook", "remove");

        assertThat(set.code()).isZero();
        assertThat(shown.out().trim()).isEqualTo("https://hooks.example.com/hook");
        assertThat(integration.code()).isZero();
        assertThat(integrations.out()).contains("linear").contains("https://api.linear.app");
        assertThat(removed.code()).isZero();
        var none = cli("webhook", "show");
        assertThat(none.code())
                .as("having no webhook is an answer, not a failure")
                .isZero();
        assertThat(none.out()).contains("no completion webhook is set").contains("actionport webhook set");
        assertThat(cli("webhook", "show", "-o", "json").out()).contains("\"url\" : null");
    }

    @Test
    void list_commands_print_the_servers_answer_as_json_for_scripts() {
        var actions = cli("actions", "list", "--output", "json");
        var executions = cli("executions", "list", "-o", "JSON", "--limit", "3");
        var keys = cli("keys", "list", "-o", "json");
        var table = cli("actions", "list");

        assertThat(actions.code()).isZero();
        var parsed = io.actionport.server.store.Json.MAPPER.readTree(actions.out());
        var names = new java.util.ArrayList<String>();
        parsed.get("actions").forEach(action -> names.add(action.get("name").asString()));
        assertThat(names).contains("echo", "create-issue");
        assertThat(io.actionport.server.store.Json.MAPPER
                        .readTree(executions.out())
                        .has("executions"))
                .isTrue();
        assertThat(io.actionport.server.store.Json.MAPPER
                        .readTree(keys.out())
                        .get("keys")
                        .isArray())
                .isTrue();
        assertThat(table.out()).contains("demo/echo").doesNotContain("{");
        var bad = cli("actions", "list", "-o", "yaml");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("yaml");
    }

    @Test
    void an_oauth2_integration_is_set_from_the_command_line_without_echoing_its_secret() {
        var set = cli(
                "integrations",
                "set",
                "crm",
                "--base-url",
                "https://api.crm.example/v1",
                "--auth-scheme",
                "oauth2",
                "--token-url",
                "https://auth.crm.example/token",
                "--client-id",
                "app",
                "--client-secret",
                "very-secret-client");
        var listed = cli("integrations", "list");

        assertThat(set.code()).as(set.err()).isZero();
        assertThat(listed.out()).contains("crm").contains("oauth2").doesNotContain("very-secret-client");
    }

    /** An environment of its own for the bundle-identity tests, so they need not move dev's demo bundle. */
    static Run inAuthoring(String... args) {
        return cliWithKey(AUTHORING_KEY, args);
    }

    static final String AUTHORING_KEY = "cli-authoring-admin-key";

    @Test
    void a_classes_directory_deploys_under_its_projects_artifact_id() throws Exception {
        var classes = project("inventory-actions", "io.actionport.catalog.demo.ListIssues");

        var run = inAuthoring("deploy", classes.toString(), "authoring");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("deployed inventory-actions v1 to authoring: [\"demo/list-issues\"]");
        assertThat(server.server
                        .registry()
                        .find("authoring", "demo", "list-issues")
                        .orElseThrow()
                        .bundleName())
                .isEqualTo("inventory-actions");
    }

    @Test
    void another_project_with_a_live_bundles_name_is_refused_naming_both_and_the_way_out() throws Exception {
        var first = project("tracker", "io.actionport.catalog.demo.Echo");
        var second = project("elsewhere/tracker", "io.actionport.catalog.demo.CreateIssue");
        assertThat(inAuthoring("deploy", first.toString(), "authoring").code()).isZero();

        var run = inAuthoring("deploy", second.toString(), "authoring");

        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err())
                .isEqualTo("error: deployment_conflict: bundle 'tracker' is already deployed in authoring with actions"
                        + " [demo/echo], and this bundle 'tracker' has none of them but [demo/create-issue]: two"
                        + " projects share one name. Give this one its own name (its pom.xml artifactId, or"
                        + " Actionport-Bundle in its manifest), or, to replace the deployed one, run"
                        + " 'actionport undeploy tracker authoring' first\n");
        assertThat(server.server.registry().find("authoring", "demo", "echo"))
                .as("the live bundle stays")
                .isPresent();
    }

    @Test
    void undeploy_takes_a_bundles_actions_offline_and_names_an_unknown_bundle() throws Exception {
        var classes = project("leaving", "io.actionport.catalog.demo.BulkImport");
        assertThat(inAuthoring("deploy", classes.toString(), "authoring").code())
                .isZero();

        var run = inAuthoring("undeploy", "leaving", "authoring");
        var again = inAuthoring("undeploy", "leaving", "authoring");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("undeployed leaving from authoring");
        assertThat(server.server.registry().find("authoring", "demo", "bulk-import"))
                .isEmpty();
        assertThat(again.code()).isEqualTo(3);
        assertThat(again.err()).isEqualTo("error: unknown_bundle: bundle 'leaving' is not deployed in authoring\n");
    }

    /**
     * A Maven project as a build leaves it: pom.xml and target/classes without a manifest, holding the
     * demo bundle's classes and listing only {@code actions} as its services.
     */
    private static Path project(String directory, String... actions) throws Exception {
        var root = Files.createDirectories(work.resolve(directory));
        Files.writeString(root.resolve("pom.xml"), """
                <project>
                  <parent><groupId>com.example</groupId><artifactId>parent</artifactId><version>1</version></parent>
                  <artifactId>%s</artifactId>
                  <version>2.3.0</version>
                </project>
                """.formatted(root.getFileName()));
        var classes = Files.createDirectories(root.resolve("target/classes"));
        try (var in = new java.util.jar.JarInputStream(CliTest.class.getResourceAsStream("/bundles/demo-bundle.jar"))) {
            for (var entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                if (!entry.isDirectory()) {
                    var file = classes.resolve(entry.getName());
                    Files.createDirectories(file.getParent());
                    Files.write(file, in.readAllBytes());
                }
            }
        }
        Files.writeString(
                classes.resolve("META-INF/services/io.actionport.sdk.Action"), String.join("\n", actions) + "\n");
        // The demo's prompts and resources name actions such a project may lack.
        Files.delete(classes.resolve("META-INF/services/io.actionport.sdk.PromptsAndResources"));
        return classes;
    }
}
