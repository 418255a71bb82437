package io.actionport.server.cli;

import io.actionport.server.Actionport;
import io.actionport.server.mcp.StdioBridge;
import io.actionport.server.mcp.StdioMcp;
import io.actionport.server.store.RunFile;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Speaks MCP over stdin and stdout for desktop clients; logs go to stderr. When a process already
 * holds the data directory's store, relays to it over loopback; otherwise holds the store itself.
 */
@Command(
        name = "mcp",
        description = "Speak MCP over stdio with the tools of one environment: sessions (initialize, up to"
                + " 2025-11-25) and stateless lines (2026-07-28) alike.")
final class McpStdioCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(
            names = {"--env", "-e"},
            defaultValue = "dev",
            description = "Environment (default: ${DEFAULT-VALUE}).")
    String environment;

    @Option(names = "--connection", description = "Connection id tools run with.")
    String connection;

    @Option(names = "--integration", description = "Only this integration's tools.")
    String integration;

    @Override
    public Integer call() {
        var config = data.config();
        if (config.databaseUrl() == null) {
            StdioScope.requireStore(config.dataDir());
        }
        // Only the embedded store is held by one process; PostgreSQL takes every process directly.
        Optional<RunFile> holder = config.databaseUrl() == null ? RunFile.live(config.dataDir()) : Optional.empty();
        if (holder.isPresent()) {
            StdioBridge.relay(
                    holder.get().baseUrl(),
                    holder.get().token(),
                    environment,
                    integration,
                    connection,
                    System.in,
                    System.out);
            return 0;
        }
        var server = Actionport.startForStdio(config);
        try {
            StdioScope.requireScope(server, environment, integration, connection);
        } catch (CommandFailure e) {
            server.close();
            throw e;
        }
        StdioMcp.serve(server, environment, integration, connection);
        return 0;
    }
}
