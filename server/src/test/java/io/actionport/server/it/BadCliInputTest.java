package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input typed at the command line: each command fails with the exit code of its kind of failure
 * and one line, {@code error: <code>: <message>}, naming what is wrong, never a stack trace or a
 * parser's internals.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadCliInputTest {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path work;

    static TestServer server;
    static String bundle;
    static String garbage;
    static int closedPort;

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    /** A command line and the error line it must print; {@code remote} adds the test server's --url and --key. */
    record CliCase(String name, boolean remote, List<String> args, String code, String mentions) {

        static CliCase of(String name, String code, String mentions, String... args) {
            return new CliCase(name, true, List.of(args), code, mentions);
        }

        static CliCase bare(String name, String code, String mentions, String... args) {
            return new CliCase(name, false, List.of(args), code, mentions);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dataDir);
        try (InputStream in = BadCliInputTest.class.getResourceAsStream("/bundles/demo-bundle.jar")) {
            bundle = Files.write(work.resolve("demo-bundle.jar"), in.readAllBytes())
                    .toString();
        }
        garbage = Files.write(work.resolve("garbage.jar"), new byte[] {1, 2, 3, 4})
                .toString();
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<CliCase> cases() {
        var url = server.baseUrl().toString();
        var closed = "http://127.0.0.1:" + closedPort;
        return Stream.of(
                CliCase.of(
                        "dryrun --input is truncated JSON",
                        "invalid_input",
                        "--input is not valid JSON",
                        "dryrun",
                        "echo",
                        "demo",
                        "--bundle",
                        bundle,
                        "--input",
                        "{"),
                CliCase.of(
                        "dryrun --input is an unfinished array",
                        "invalid_input",
                        "--input is not valid JSON",
                        "dryrun",
                        "echo",
                        "demo",
                        "--bundle",
                        bundle,
                        "--input",
                        "[1,"),
                CliCase.of(
                        "dryrun --input is a bare word",
                        "invalid_input",
                        "(line 1, column",
                        "dryrun",
                        "echo",
                        "demo",
                        "--bundle",
                        bundle,
                        "--input",
                        "hello"),
                CliCase.of(
                        "dryrun --input names a missing file",
                        "invalid_input",
                        "cannot read the --input file /no/such/input.json",
                        "dryrun",
                        "echo",
                        "demo",
                        "--bundle",
                        bundle,
                        "--input",
                        "@/no/such/input.json"),
                CliCase.of(
                        "dryrun with a connection id with a slash",
                        "invalid_parameter",
                        "connection_id must be",
                        "dryrun",
                        "echo",
                        "a/b",
                        "--bundle",
                        bundle),
                CliCase.of(
                        "dryrun of an action the bundle lacks",
                        "deployment_conflict",
                        "has no action named 'no-such'",
                        "dryrun",
                        "no-such",
                        "demo",
                        "--bundle",
                        bundle),
                CliCase.of(
                        "connection id with a slash",
                        "invalid_parameter",
                        "connection_id must be 1 to 256",
                        "connections",
                        "create",
                        "a/b",
                        "--integration",
                        "fake",
                        "--credential",
                        "token=t"),
                CliCase.of(
                        "connection id with a space",
                        "invalid_parameter",
                        "connection_id must be",
                        "connections",
                        "create",
                        "a b",
                        "--integration",
                        "fake",
                        "--credential",
                        "token=t"),
                CliCase.of(
                        "connection id of 300 characters",
                        "invalid_parameter",
                        "connection_id is 300 characters long, over the limit of 256",
                        "connections",
                        "create",
                        "c".repeat(300),
                        "--integration",
                        "fake",
                        "--credential",
                        "token=t"),
                CliCase.of(
                        "empty credential",
                        "invalid_parameter",
                        "credentials.token is empty",
                        "connections",
                        "create",
                        "c1",
                        "--integration",
                        "fake",
                        "--credential",
                        "token="),
                CliCase.of(
                        "expires_at of 'soon'",
                        "invalid_parameter",
                        "credentials.expires_at must be",
                        "connections",
                        "create",
                        "c2",
                        "--integration",
                        "fake",
                        "--credential",
                        "access_token=a",
                        "--credential",
                        "expires_at=soon"),
                CliCase.of(
                        "connection of an unknown integration",
                        "unknown_integration",
                        "'nope' is not configured",
                        "connections",
                        "create",
                        "c3",
                        "--integration",
                        "nope",
                        "--credential",
                        "token=t"),
                CliCase.of(
                        "integration key with a slash",
                        "invalid_parameter",
                        "integration must be",
                        "connections",
                        "create",
                        "c4",
                        "--integration",
                        "a/b",
                        "--credential",
                        "token=t"),
                CliCase.of(
                        "delete an unknown connection",
                        "unknown_connection",
                        "connection 'nobody' of 'fake' does not exist",
                        "connections",
                        "delete",
                        "nobody",
                        "--integration",
                        "fake"),
                CliCase.of(
                        "delete a connection id with a slash",
                        "invalid_parameter",
                        "connection id must be",
                        "connections",
                        "delete",
                        "a/b",
                        "--integration",
                        "fake"),
                CliCase.of(
                        "rotate an unknown connection",
                        "unknown_connection",
                        "nobody",
                        "connections",
                        "rotate",
                        "nobody",
                        "--integration",
                        "fake",
                        "--credential",
                        "token=t"),
                CliCase.of(
                        "rotate to an empty credential",
                        "invalid_parameter",
                        "credentials.token is empty",
                        "connections",
                        "rotate",
                        "fake-conn",
                        "--integration",
                        "fake",
                        "--credential",
                        "token="),
                CliCase.of(
                        "executions --limit over 500",
                        "invalid_parameter",
                        "limit must be a whole number from 1 to 500, was '1000'",
                        "executions",
                        "list",
                        "--limit",
                        "1000"),
                CliCase.of(
                        "executions --limit 0", "invalid_parameter", "was '0'", "executions", "list", "--limit", "0"),
                CliCase.of(
                        "executions --status bogus",
                        "invalid_parameter",
                        "status must be queued, running",
                        "executions",
                        "list",
                        "--status",
                        "bogus"),
                CliCase.of(
                        "executions --since yesterday",
                        "invalid_parameter",
                        "since must be an ISO-8601 instant",
                        "executions",
                        "list",
                        "--since",
                        "yesterday"),
                CliCase.of(
                        "get an unknown execution",
                        "unknown_execution",
                        "no execution nope",
                        "executions",
                        "get",
                        "nope"),
                CliCase.of(
                        "get an execution id with a slash",
                        "unknown_execution",
                        "no execution a/b",
                        "executions",
                        "get",
                        "a/b"),
                CliCase.of(
                        "cancel an unknown execution",
                        "unknown_execution",
                        "no execution nope",
                        "executions",
                        "cancel",
                        "nope"),
                CliCase.of("logs of an unknown execution", "unknown_execution", "no execution nope", "logs", "nope"),
                CliCase.of(
                        "webhook URL with a space",
                        "egress_refused",
                        "it is not a valid URL",
                        "webhook",
                        "set",
                        "https://exa mple.com/hook",
                        "--secret",
                        SECRET),
                CliCase.of(
                        "webhook secret without prefix",
                        "invalid_webhook",
                        "whsec_",
                        "webhook",
                        "set",
                        "https://example.com/hook",
                        "--secret",
                        "plain"),
                CliCase.of(
                        "integration base URL with a space",
                        "egress_refused",
                        "it is not a valid URL",
                        "integrations",
                        "set",
                        "shop",
                        "--base-url",
                        "https://exa mple.com"),
                CliCase.of(
                        "integration key with a space",
                        "invalid_parameter",
                        "integration key must be",
                        "integrations",
                        "set",
                        "a b",
                        "--base-url",
                        "https://example.com"),
                CliCase.of("deploy of a garbage jar", "invalid_bundle", "not a bundle jar", "deploy", garbage, "dev"),
                CliCase.of(
                        "deploy with a dev key to prod",
                        "wrong_environment",
                        "belongs to environment 'dev', not 'prod'",
                        "deploy",
                        bundle,
                        "prod"),
                CliCase.of(
                        "rollback of an unknown action",
                        "deployment_conflict",
                        "no action 'nope' is live in dev",
                        "rollback",
                        "--action",
                        "nope",
                        "dev"),
                CliCase.of(
                        "rollback to a version that never was",
                        "deployment_conflict",
                        "has no version 999",
                        "rollback",
                        "--action",
                        "demo/echo",
                        "--to",
                        "999",
                        "dev"),
                CliCase.bare(
                        "unreachable server",
                        "unreachable",
                        "cannot reach " + closed + " (connection refused); is 'actionport serve' running?",
                        "actions",
                        "list",
                        "--url",
                        closed,
                        "--key",
                        "k"),
                CliCase.bare(
                        "--url that is not a URL",
                        "invalid_url",
                        "--url must be the server's URL",
                        "actions",
                        "list",
                        "--url",
                        "not a url",
                        "--key",
                        "k"),
                CliCase.bare(
                        "--url of another scheme",
                        "invalid_url",
                        "--url must be the server's URL",
                        "actions",
                        "list",
                        "--url",
                        "ftp://127.0.0.1:1",
                        "--key",
                        "k"),
                CliCase.bare(
                        "unknown key",
                        "invalid_key",
                        "not a key of any environment",
                        "actions",
                        "list",
                        "--url",
                        url,
                        "--key",
                        "nope"),
                CliCase.bare(
                        "blank key",
                        "missing_key",
                        "--key or ACTIONPORT_KEY",
                        "actions",
                        "list",
                        "--url",
                        url,
                        "--key",
                        " "));
    }

    /** The exit codes docs/cli.md promises, by error code. */
    private static int exitCodeFor(String code) {
        return switch (code) {
            case "unreachable" -> 5;
            case "unknown_connection", "unknown_execution", "unknown_integration" -> 3;
            case "invalid_bundle",
                    "invalid_input",
                    "invalid_key",
                    "invalid_parameter",
                    "invalid_url",
                    "invalid_webhook",
                    "missing_key",
                    "wrong_environment",
                    "deployment_conflict",
                    "egress_refused" -> 4;
            default -> 1;
        };
    }

    @Order(1)
    @ParameterizedTest(name = "CLI: {0}")
    @MethodSource("cases")
    @Timeout(60)
    void a_bad_command_prints_one_error_line_with_its_code(CliCase bad) {
        var args = new ArrayList<>(bad.args());
        if (bad.remote()) {
            args.addAll(List.of("--url", server.baseUrl().toString(), "--key", TestServer.DEV_ADMIN_KEY));
        }

        var run = CliRun.of(args);

        assertThat(run.code()).as(run.err()).isEqualTo(exitCodeFor(bad.code()));
        var lines = run.err().strip().lines().toList();
        assertThat(lines).as(run.err()).hasSize(1);
        assertThat(lines.getFirst()).startsWith("error: " + bad.code() + ": ").contains(bad.mentions());
        BadInput.assertNoLeak(run.err());
        BadInput.assertNoLeak(run.out());
    }

    @Test
    @Order(2)
    @Timeout(60)
    void the_cli_still_works_after_all_the_bad_input() {
        var run = CliRun.of(
                List.of("actions", "list", "--url", server.baseUrl().toString(), "--key", TestServer.DEV_KEY));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("echo");
    }
}
