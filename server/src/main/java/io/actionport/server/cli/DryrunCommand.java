package io.actionport.server.cli;

import io.actionport.server.JsonProblems;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.store.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Runs an action of the project in front of you against a real connection of a running server,
 * without deploying it: the server runs it with the connection's credentials, which never leave it.
 */
@Command(name = "dryrun", description = "Run an action against a real connection without deploying it.")
final class DryrunCommand implements Callable<Integer> {

    @Mixin
    RemoteOptions remote;

    @Parameters(index = "0", description = "The action, name or integration/name.")
    String action;

    @Parameters(index = "1", description = "The connection id to run with.")
    String connectionId;

    @Option(
            names = {"-e", "--env"},
            defaultValue = "dev",
            description = "Environment (default: ${DEFAULT-VALUE}).")
    String environment;

    @Option(
            names = "--end-user",
            description = "The end user who owns the connection, when it is one of a user's (see connections list).")
    String endUser;

    @Option(names = "--input", defaultValue = "{}", description = "The input as JSON, or @file.json.")
    String input;

    @Option(
            names = "--bundle",
            description = "The bundle jar or classes directory (default: the project's in target/).")
    Path bundle;

    @Option(names = "--validate", description = "Also exit non-zero when the output breaks its schema or the size cap.")
    boolean validate;

    @Option(
            names = "--force",
            description = "Run the action although its input breaks the input schema (refused by default).")
    boolean force;

    @Option(names = "--save-responses", description = "Record the provider's responses into a fixture file.")
    boolean saveResponses;

    @Option(
            names = "--fixtures",
            defaultValue = "src/test/resources/fixtures",
            description = "Where --save-responses writes (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @Override
    public Integer call() throws IOException {
        var body = Json.MAPPER.createObjectNode();
        body.put("bundle", Base64.getEncoder().encodeToString(BundleFiles.read(bundle)));
        body.put("action", action);
        body.put("connection_id", connectionId);
        body.put("end_user_id", endUser);
        body.set("input", readInput());
        body.put("force", force);
        var report = Json.MAPPER.readTree(send(body.toString()));
        print(report, System.out);
        if (saveResponses) {
            save(report);
        }
        boolean violations = !report.path("inputViolations").isEmpty()
                || !report.path("outputViolations").isEmpty()
                || report.path("outputBytes").asLong() > ActionRunner.OUTPUT_CAP_BYTES;
        boolean failed = !report.path("error").isNull() && !report.path("error").isMissingNode();
        return failed || (validate && violations) ? 1 : 0;
    }

    private String send(String body) {
        try {
            return remote.send(
                    "POST",
                    "/admin/dryrun",
                    HttpRequest.BodyPublishers.ofString(body),
                    "application/json",
                    environment);
        } catch (CommandFailure refused) {
            if (refused.code().equals("invalid_action_input")) {
                throw new CommandFailure(
                        refused.code(),
                        refused.getMessage() + "; the action did not run (--force runs it with this input anyway)");
            }
            throw refused;
        }
    }

    private JsonNode readInput() {
        String text;
        try {
            text = input.startsWith("@") ? Files.readString(Path.of(input.substring(1))) : input;
        } catch (IOException | InvalidPathException e) {
            throw new CommandFailure("invalid_input", "cannot read the --input file " + input.substring(1));
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new CommandFailure("invalid_input", "--input is not valid JSON: " + JsonProblems.describe(e));
        }
    }

    private void print(JsonNode report, PrintStream out) {
        out.println("dry run of " + report.path("action").asString() + " with connection " + connectionId + " in "
                + environment);
        printViolations(out, "input", report.path("inputViolations"));
        if (!report.path("error").isNull() && !report.path("error").isMissingNode()) {
            out.println("failed: " + report.at("/error/code").asString() + ": "
                    + report.at("/error/message").asString());
        } else {
            long bytes = report.path("outputBytes").asLong();
            out.printf(
                    "output: %d bytes, %.2f%% of the %d-byte cap%n",
                    bytes, 100.0 * bytes / ActionRunner.OUTPUT_CAP_BYTES, ActionRunner.OUTPUT_CAP_BYTES);
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.path("output")));
            printViolations(out, "output", report.path("outputViolations"));
        }
        out.println("logs:");
        for (var line : report.path("logs")) {
            out.println("  " + line.path("at").asString() + " "
                    + line.path("level").asString() + " " + line.path("message").asString());
        }
        out.println("provider calls:");
        for (var exchange : report.path("exchanges")) {
            var request = exchange.path("request");
            out.println("  " + request.path("method").asString() + " "
                    + request.path("path").asString()
                    + (request.path("query").isEmpty() ? "" : " " + request.path("query"))
                    + " -> " + exchange.at("/response/status").asInt() + " in "
                    + exchange.path("elapsedMillis").asLong() + " ms");
        }
    }

    private static void printViolations(PrintStream out, String what, JsonNode violations) {
        if (violations.isEmpty()) {
            out.println(what + ": valid against its schema");
            return;
        }
        out.println(what + ": " + violations.size() + " schema violation(s)");
        for (var violation : violations) {
            var pointer = violation.path("pointer").asString();
            out.println("  - " + (pointer.isEmpty() ? "(root)" : pointer) + ": "
                    + violation.path("message").asString());
        }
    }

    private void save(JsonNode report) {
        var name = report.path("action").asString();
        var file = fixtures.resolve(name.substring(name.indexOf('/') + 1) + ".json");
        var fixture = Json.MAPPER.createObjectNode();
        fixture.put("action", name);
        fixture.set("exchanges", report.path("exchanges"));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fixture " + file, e);
        }
        System.out.println("saved " + report.path("exchanges").size() + " provider exchange(s) to " + file);
    }
}
