package io.actionport.server.cli;

import io.actionport.server.config.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the server keeps its data, shared by {@code serve} and {@code mcp}. */
final class DataOptions {

    @Option(
            names = "--data-dir",
            defaultValue = "${env:ACTIONPORT_DATA_DIR:-data}",
            description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db", description = "JDBC URL of the database; default: an H2 file in the data directory.")
    String databaseUrl;

    ServerConfig config() {
        return ServerConfig.defaults(dataDir).withDatabaseUrl(databaseUrl);
    }
}
