package io.actionport.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.cli.ActionportCli;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An author's first hour: {@code actionport init} makes a project whose test passes offline,
 * {@code actionport dev} deploys it and redeploys it when its source changes, {@code undeploy}
 * takes it away. Maven runs for real, offline, on this build's SDK (see {@link OfflineMaven}).
 */
class BundleProjectTest {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path work;

    static TestServer server;
    static OfflineMaven maven;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dataDir);
        server.server
                .connections()
                .saveIntegration(new Integration(
                        "dev", "widgets", URI.create(server.provider.baseUrl() + "/widgets"), AuthScheme.BEARER, null));
        server.server
                .connections()
                .create(new Connection("dev", "widgets", "w1", Map.of("token", "widgets-token"), Map.of()));
        server.provider.stubFor(
                get(urlEqualTo("/widgets/items/42")).willReturn(okJson("{\"id\":42,\"name\":\"Gear\"}")));
        maven = OfflineMaven.withThisBuildsSdk(work.resolve("repository"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Run(int code, String out, String err) {}

    /** Runs the CLI in this JVM; management commands get the test server's URL and dev admin key. */
    static Run cli(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = cli(out, err, args);
        return new Run(code, out.toString(), err.toString());
    }

    static int cli(StringWriter out, StringWriter err, String... args) {
        var all = new ArrayList<>(List.of(args));
        if (!args[0].equals("init") && !List.of(args).contains("--help")) {
            all.addAll(List.of("--url", server.baseUrl().toString(), "--key", TestServer.DEV_ADMIN_KEY));
        }
        var commandLine = ActionportCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(all.toArray(String[]::new));
    }

    static HttpResponse<String> getItem42() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .header("Provider-Config-Key", "widgets")
                .header("Connection-Id", "w1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action_name\":\"get-item\",\"input\":{\"id\":42}}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_new_project_passes_its_tests_offline_then_dev_deploys_it_and_redeploys_each_change() throws Exception {
        var project = work.resolve("widgets");
        var build = maven.commandLine("package", "-DskipTests");

        var init = cli("init", project.toString(), "--integration", "widgets");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("created widgets-actions in " + project);

        var test = maven.run(project, "test");
        assertThat(test.code()).as(test.output()).isZero();
        assertThat(Files.readString(
                        project.resolve("target/surefire-reports/TEST-com.example.widgets.GetItemTest.xml")))
                .contains("tests=\"2\"")
                .contains("failures=\"0\"")
                .contains("errors=\"0\"");

        var once = cli("dev", project.toString(), "--once", "--build-command", build);
        assertThat(once.code()).as(once.err()).isZero();
        assertThat(once.out())
                .contains("deployed widgets-actions v1 to dev: [\"widgets/get-item\"]")
                .contains("added: [\"widgets/get-item\"]");
        assertThat(getItem42().body()).isEqualTo("{\"id\":42,\"name\":\"Gear\"}");

        var out = new StringWriter();
        var err = new StringWriter();
        var watching = Thread.ofPlatform()
                .name("actionport-dev")
                .start(() -> cli(out, err, "dev", project.toString(), "--build-command", build));
        try {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(out.toString())
                            .as(err::toString)
                            .containsPattern("(?s)deployed widgets-actions v\\d+ to dev.*watching "));

            var source = project.resolve("src/main/java/com/example/widgets/GetItem.java");
            var edited = Files.readString(source)
                    .replace(
                            "return new Output(item.id(), item.name());",
                            "return new Output(item.id(), item.name().toUpperCase());");
            assertThat(edited).contains("toUpperCase");
            Files.writeString(source, edited);

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(out.toString())
                            .as(err::toString)
                            .containsPattern("(?s)changed: src/main/java/com/example/widgets/GetItem\\.java"
                                    + ".*deployed widgets-actions v\\d+ to dev"));
            assertThat(getItem42().body()).isEqualTo("{\"id\":42,\"name\":\"GEAR\"}");
        } finally {
            watching.interrupt();
            watching.join(Duration.ofSeconds(30));
        }
        assertThat(watching.isAlive()).isFalse();
        assertThat(out.toString()).endsWith("stopped watching " + project + System.lineSeparator());

        var undeploy = cli("undeploy", "widgets-actions", "dev");
        assertThat(undeploy.code()).as(undeploy.err()).isZero();
        assertThat(getItem42().statusCode()).isEqualTo(404);
    }

    @Test
    void init_refuses_a_directory_that_is_not_empty() throws Exception {
        var taken = Files.createDirectories(work.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");

        var run = cli("init", taken.toString(), "--integration", "widgets");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .isEqualTo("error: usage: " + taken + " is not empty; give a new or empty directory for the project,"
                        + " e.g. init widgets-actions --integration widgets");
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(taken.toFile().list()).containsExactly("notes.txt");
    }

    @Test
    void init_refuses_an_integration_name_an_action_could_not_have() {
        var run = cli("init", work.resolve("bad-name").toString(), "--integration", "My CRM");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .startsWith("error: usage: --integration 'My CRM' must match [a-z0-9][a-z0-9_-]{0,63}");
        assertThat(work.resolve("bad-name")).doesNotExist();
    }

    @Test
    void init_and_dev_explain_themselves() {
        var init = cli("init", "--help");
        var dev = cli("dev", "--help");

        assertThat(init.code()).isZero();
        assertThat(init.out()).contains("Usage: actionport init").contains("--integration=NAME");
        assertThat(dev.code()).isZero();
        assertThat(dev.out())
                .contains("Usage: actionport dev")
                .contains("--once")
                .contains("--build-command");
    }

    @Test
    void dev_says_how_to_start_a_server_when_none_answers() throws Exception {
        var project = Files.createDirectories(work.resolve("no-server"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = ActionportCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(
                "dev",
                project.toString(),
                "--once",
                "--build-command",
                "true",
                "--url",
                "http://127.0.0.1:" + closedPort,
                "--key",
                "any-key");

        assertThat(code).as("unreachable").isEqualTo(5);
        assertThat(err.toString())
                .isEqualTo("error: unreachable: no Actionport server answers at http://127.0.0.1:" + closedPort
                        + ": start one in another shell with 'actionport serve' (its first start prints the dev"
                        + " admin key to use as ACTIONPORT_KEY), or point --url at one" + System.lineSeparator());
    }

    @Test
    void after_a_failed_build_dev_keeps_watching_and_the_next_change_builds_again() throws Exception {
        var project = Files.createDirectories(work.resolve("broken-while-watching"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        var source = Files.createDirectories(project.resolve("src/main/java")).resolve("Broken.java");
        Files.writeString(source, "class Broken {");
        var out = new StringWriter();
        var err = new StringWriter();
        var watching = Thread.ofPlatform()
                .start(() -> cli(out, err, "dev", project.toString(), "--build-command", "echo still broken; exit 1"));
        try {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(out.toString()).contains("watching " + project));
            assertThat(err.toString()).contains("  still broken").contains("error: build_failed: ");

            Files.writeString(source, "class Broken {}");

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(out.toString())
                            .contains("changed: src/main/java/Broken.java")
                            .containsPattern("(?s)changed: .*building: .*watching "));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(err.toString().split("error: build_failed: ", -1))
                            .hasSize(3));
        } finally {
            watching.interrupt();
            watching.join(Duration.ofSeconds(10));
        }
        assertThat(watching.isAlive()).isFalse();
    }

    @Test
    void a_failed_build_shows_its_last_lines_and_deploys_nothing() throws Exception {
        var run = devOnceWithBuild(
                "broken", "echo compiling; echo 'GetItem.java:[31,20] cannot find symbol' >&2; exit 3");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("deployed");
        assertThat(run.err())
                .contains("build failed (exit 3); its last lines:")
                .contains("  compiling")
                .contains("  GetItem.java:[31,20] cannot find symbol")
                .contains("error: build_failed: fix the build and run dev again");
    }

    @Test
    void a_build_that_missed_artifacts_offline_says_to_build_once_online_and_shows_no_colour_codes() throws Exception {
        var run = devOnceWithBuild(
                "first-build",
                "printf '\\033[1;31m[ERROR]\\033[m Cannot access central (https://repo.maven.apache.org/maven2)"
                        + " in offline mode and the artifact org.codehaus.plexus:plexus-utils:jar:1.1 has not been"
                        + " downloaded from it before.\\n'; exit 1");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains("  [ERROR] Cannot access central")
                .doesNotContain("\u001B")
                .contains("error: build_failed: Maven ran offline (-o) and has not downloaded this project's plugins"
                        + " or dependencies yet: build it once online (mvn -DskipTests package) and run dev again");
    }

    /** {@code dev --once} in a new project directory of that name, built by {@code buildCommand}. */
    private Run devOnceWithBuild(String projectName, String buildCommand) throws Exception {
        var project = Files.createDirectories(work.resolve(projectName));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        return cli("dev", project.toString(), "--once", "--build-command", buildCommand);
    }
}
