package io.actionport.server.cli;

import io.actionport.server.store.Json;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code -o/--output} of the list and show commands: a table for people (the default), or the
 * server's answer as JSON for scripts ({@code actionport executions list -o json | jq ...}).
 */
final class OutputFormat {

    enum Format {
        TABLE,
        JSON
    }

    @Option(
            names = {"-o", "--output"},
            defaultValue = "TABLE",
            description = "table (the default) or json: the server's answer as JSON, for scripts.")
    Format format;

    /** Prints {@code answer} as JSON when asked to, and says whether it did. */
    boolean printedAsJson(JsonNode answer) {
        if (format != Format.JSON) {
            return false;
        }
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        return true;
    }
}
