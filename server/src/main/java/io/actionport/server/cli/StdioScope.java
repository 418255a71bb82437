package io.actionport.server.cli;

import io.actionport.server.Actionport;
import io.actionport.server.store.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

/**
 * What {@code actionport mcp} checks before it speaks: a desktop client shows nothing of a
 * misspelt flag but an empty tool list, so each flag must name something that exists, and the
 * error must say what does.
 */
final class StdioScope {

    private StdioScope() {}

    /** The embedded store must exist already: a misspelt --data-dir must not create a new, empty one. */
    static void requireStore(Path dataDir) {
        if (!Files.exists(dataDir.resolve("actionport.mv.db"))) {
            var where = dataDir.toAbsolutePath().normalize();
            throw new CommandFailure(
                    "unknown_data_dir",
                    "no Actionport store in " + where + ": point --data-dir (or ACTIONPORT_DATA_DIR) at the directory "
                            + "'actionport serve' uses, or run 'actionport serve --data-dir " + where
                            + "' once to create it");
        }
    }

    /** The environment, integration and connection the flags name must exist in the store. */
    static void requireScope(Actionport server, String environment, String integration, String connection) {
        if (!server.environments().exists(environment)) {
            throw new CommandFailure(
                    "unknown_environment",
                    "environment '" + environment + "' does not exist; 'actionport environments list' shows them");
        }
        var integrations = new TreeSet<String>();
        server.registry().actions(environment).forEach(action -> integrations.add(action.integration()));
        server.connections().integrations(environment).forEach(known -> integrations.add(known.key()));
        if (integration != null && !integrations.contains(integration)) {
            throw new CommandFailure(
                    "unknown_integration",
                    "integration '" + integration + "' has no actions nor configuration in " + environment + "; known: "
                            + String.join(", ", integrations));
        }
        if (connection == null) {
            return;
        }
        var connections = new TreeSet<String>();
        for (var known : integration == null ? integrations : java.util.Set.of(integration)) {
            server.connections().list(environment, known).stream()
                    .map(Connection::connectionId)
                    .forEach(connections::add);
        }
        if (!connections.contains(connection)) {
            throw new CommandFailure(
                    "unknown_connection",
                    "connection '" + connection + "' does not exist in " + environment
                            + (integration == null ? "" : " for " + integration) + "; known: "
                            + (connections.isEmpty() ? "none" : String.join(", ", connections)));
        }
    }
}
