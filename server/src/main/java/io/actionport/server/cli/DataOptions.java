package io.actionport.server.cli;

import io.actionport.server.config.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the server keeps its data, shared by {@code serve} and {@code mcp}. */
final class DataOptions {

    @Option(
            names = "--data-dir",
            defaultValue = "${env:ACTIONPORT_DATA_DIR:-data}",
            description = "Data directory (or ACTIONPORT_DATA_DIR; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--db",
            defaultValue = "${env:ACTIONPORT_DB_URL}",
            description = "JDBC URL of the database (or ACTIONPORT_DB_URL); default: an H2 file in the data directory.")
    String databaseUrl;

    ServerConfig config() {
        return ServerConfig.defaults(dataDir).withDatabaseUrl(databaseUrl);
    }
}
