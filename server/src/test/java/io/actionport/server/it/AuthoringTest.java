package io.actionport.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.sdk.Action;
import io.actionport.sdk.testing.ActionTestKit;
import io.actionport.sdk.testing.RecordedResponses;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import io.actionport.server.store.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An author's day: dry-run against a real connection, record fixtures, replay them, deploy, roll back. */
class AuthoringTest {

    static final String PROVIDER_TOKEN = "staging-provider-token-123";

    @TempDir
    static Path dataDir;

    @TempDir
    static Path project;

    static TestServer server;
    static byte[] demoBundle;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dataDir);
        try (var in = AuthoringTest.class.getResourceAsStream("/bundles/demo-bundle.jar")) {
            demoBundle = in.readAllBytes();
        }
        Files.write(project.resolve("demo-bundle.jar"), demoBundle);
        // The demo actions, pointed at WireMock in a staging environment.
        TestServer.createEnvironment(server.server, "staging", "staging-key", "staging-caller-key");
        server.server
                .connections()
                .saveIntegration(new Integration(
                        "staging",
                        "demo",
                        URI.create(server.provider.baseUrl() + "/tracker"),
                        AuthScheme.BEARER,
                        null));
        server.server
                .connections()
                .create(new Connection("staging", "demo", "wm", Map.of("token", PROVIDER_TOKEN), Map.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static CliRun cli(String key, String... args) {
        return CliRun.against(server.baseUrl(), key, args);
    }

    @Test
    void dryrun_shows_output_logs_provider_calls_and_size_and_records_fixtures_without_secrets() throws Exception {
        server.provider.stubFor(post(urlEqualTo("/tracker/issues"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"id\":42,\"title\":\"From dryrun\",\"body\":null,\"state\":\"open\",\"url\":\"https://tracker.example/42\",\"echo\":\""
                                        + PROVIDER_TOKEN + "\"}")));
        var fixtures = project.resolve("fixtures");

        var run = cli(
                "staging-key",
                "dryrun",
                "create-issue",
                "wm",
                "-e",
                "staging",
                "--input",
                "{\"title\":\"From dryrun\"}",
                "--bundle",
                project.resolve("demo-bundle.jar").toString(),
                "--save-responses",
                "--fixtures",
                fixtures.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("dry run of demo/create-issue with connection wm in staging")
                .contains("input: valid against its schema")
                .containsPattern("output: \\d+ bytes, 0\\.00% of the 2097152-byte cap")
                .contains("\"url\" : \"https://tracker.example/42\"")
                .contains("INFO created issue 42")
                .containsPattern("POST /issues -> 201 in \\d+ ms");
        var fixture = Files.readString(fixtures.resolve("create-issue.json"));
        assertThat(fixture)
                .contains("\"status\" : 201")
                .doesNotContain(PROVIDER_TOKEN)
                .contains("[REDACTED]");
        assertThat(server.server.executions().recent("staging", 10))
                .as("a dry run records no execution")
                .isEmpty();
    }

    @Test
    void recorded_fixtures_replay_offline_through_the_test_kit() throws Exception {
        var fixture = project.resolve("replay.json");
        Files.writeString(fixture, """
                {"action": "demo/create-issue", "exchanges": [{
                  "request": {"method": "POST", "path": "/issues", "query": {}, "body": {"title": "offline"}},
                  "response": {"status": 201, "headers": {}, "body": {"id": 7, "title": "offline", "state": "open", "url": "https://tracker.example/7"}}}]}
                """);
        var action = demoAction("create-issue");

        var run = ActionTestKit.run(
                action,
                Json.MAPPER.treeToValue(
                        Json.MAPPER.readTree("{\"title\":\"offline\"}"),
                        action.descriptor().inputType()),
                RecordedResponses.from(fixture));

        assertThat(Json.MAPPER.valueToTree(run.output()).toString())
                .isEqualTo("{\"id\":7,\"url\":\"https://tracker.example/7\"}");
        assertThat(run.logs()).containsExactly("INFO created issue 7");
    }

    @Test
    void dryrun_with_validate_refuses_input_violations() {
        var run = cli(
                "staging-key",
                "dryrun",
                "echo",
                "wm",
                "-e",
                "staging",
                "--input",
                "{\"message\": 5}",
                "--bundle",
                project.resolve("demo-bundle.jar").toString(),
                "--validate");

        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err())
                .startsWith("error: invalid_action_input: input of demo/echo is invalid: ")
                .contains("integer found, string expected");
    }

    @Test
    void dryrun_refuses_invalid_input_before_the_action_runs() {
        int callsBefore = server.provider.getAllServeEvents().size();

        var run = cli(
                "staging-key",
                "dryrun",
                "create-issue",
                "wm",
                "-e",
                "staging",
                "--input",
                "{\"body\": \"no title\"}",
                "--bundle",
                project.resolve("demo-bundle.jar").toString());

        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err())
                .startsWith("error: invalid_action_input: input of demo/create-issue is invalid: ")
                .contains("title")
                .contains("the action did not run (--force runs it with this input anyway)");
        assertThat(server.provider.getAllServeEvents()).as("no provider call").hasSize(callsBefore);
    }

    @Test
    void dryrun_with_force_runs_the_action_and_still_reports_the_violations() {
        var run = cli(
                "staging-key",
                "dryrun",
                "echo",
                "wm",
                "-e",
                "staging",
                "--input",
                "{\"message\": 5}",
                "--bundle",
                project.resolve("demo-bundle.jar").toString(),
                "--force");

        assertThat(run.out())
                .contains("input: 1 schema violation(s)")
                .contains("- /message: integer found, string expected")
                .containsPattern("output: \\d+ bytes");
    }

    @Test
    void a_breaking_input_change_needs_allow_breaking_and_a_rollback_restores_the_old_schema() throws Exception {
        var stricter = project.resolve("stricter.jar");
        Files.write(stricter, withSchema(demoBundle, "echo.input.json", """
                {"type": "object", "properties": {"message": {"type": "string"}, "loud": {"type": "boolean"}},
                 "required": ["message", "loud"], "additionalProperties": false}
                """));

        var refused = cli(TestServer.DEV_ADMIN_KEY, "deploy", stricter.toString(), "dev", "--action", "echo");
        var allowed = cli(
                TestServer.DEV_ADMIN_KEY, "deploy", stricter.toString(), "dev", "--action", "echo", "--allow-breaking");
        var requiredAfterDeploy = echoRequired();
        var rolledBack = cli(TestServer.DEV_ADMIN_KEY, "rollback", "--action", "echo", "dev");

        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.err()).contains("breaking_change").contains("/loud became required");
        assertThat(allowed.code()).isZero();
        assertThat(allowed.out()).contains("changed schemas: [\"demo/echo\"]").contains("breaking: demo/echo");
        assertThat(requiredAfterDeploy).isEqualTo("[\"message\",\"loud\"]");
        assertThat(rolledBack.code()).as(rolledBack.err()).isZero();
        assertThat(rolledBack.out()).contains("rolled echo back in dev");
        assertThat(echoRequired()).isEqualTo("[\"message\"]");
    }

    @Test
    void logs_and_filtered_execution_lists_come_from_the_command_line() throws Exception {
        var id = server.server.jobs("dev", "demo", "demo").call("create-issue", Map.of("title", "logged"));
        var execution = server.server
                .executions()
                .search(
                        "dev",
                        new io.actionport.server.store.ExecutionStore.Filter(
                                "demo/create-issue", null, null, null, null, null),
                        1)
                .getFirst();

        var logs = cli(TestServer.DEV_ADMIN_KEY, "logs", execution.id(), "--follow");
        var listed = cli(
                TestServer.DEV_ADMIN_KEY, "executions", "list", "--action", "create-issue", "--status", "succeeded");
        var none = cli(
                TestServer.DEV_ADMIN_KEY, "executions", "list", "--status", "cancelled", "--action", "create-issue");

        assertThat(id.get("id").asLong()).isPositive();
        assertThat(logs.out()).contains("INFO created issue").contains("-- execution succeeded");
        assertThat(listed.out()).contains(execution.id());
        assertThat(none.out()).doesNotContain(execution.id());
    }

    private static String echoRequired() {
        return server.server
                .registry()
                .find("dev", "demo", "echo")
                .orElseThrow()
                .inputSchema()
                .json()
                .get("required")
                .toString();
    }

    /** The demo bundle with an explicit schema file added, as an author would ship one. */
    private static byte[] withSchema(byte[] jar, String file, String schema) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var in = new JarInputStream(new ByteArrayInputStream(jar));
                var copy = new JarOutputStream(out, in.getManifest())) {
            for (var entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                copy.putNextEntry(new JarEntry(entry.getName()));
                in.transferTo(copy);
                copy.closeEntry();
            }
            copy.putNextEntry(new JarEntry("META-INF/actionport/schemas/" + file));
            copy.write(schema.getBytes());
            copy.closeEntry();
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static Action<Object, Object> demoAction(String name) throws Exception {
        var loader = new URLClassLoader(
                new java.net.URL[] {project.resolve("demo-bundle.jar").toUri().toURL()},
                AuthoringTest.class.getClassLoader());
        return ServiceLoader.load(Action.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .filter(action -> action.descriptor().name().equals(name))
                .map(action -> (Action<Object, Object>) action)
                .findFirst()
                .orElseThrow();
    }
}
