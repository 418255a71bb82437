package io.actionport.server.cli;

import io.actionport.server.http.DoorLimits;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The {@code serve} flags of the door limits; defaults and meanings are {@link DoorLimits}'s. */
final class LimitOptions {

    @Option(
            names = "--max-connections",
            defaultValue = "10000",
            description = "Open HTTP connections in total; more are refused with 503 (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(
            names = "--max-connections-per-address",
            defaultValue = "256",
            description =
                    "Open HTTP connections from one client address, loopback included (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(
            names = "--header-timeout",
            defaultValue = "10s",
            description = "Time a client may take to send a request's headers (default: ${DEFAULT-VALUE}).")
    String headerTimeout;

    @Option(
            names = "--body-read-timeout",
            defaultValue = "30s",
            description = "Longest pause while a request body arrives (default: ${DEFAULT-VALUE}).")
    String bodyReadTimeout;

    @Option(
            names = "--idle-timeout",
            defaultValue = "60s",
            description = "Time a keep-alive connection may wait for its next request (default: ${DEFAULT-VALUE}).")
    String idleTimeout;

    @Option(
            names = "--max-sessions-per-key",
            defaultValue = "1000",
            description = "Live MCP sessions of one key (default: ${DEFAULT-VALUE}).")
    int maxSessionsPerKey;

    @Option(
            names = "--max-sessions",
            defaultValue = "10000",
            description = "Live MCP sessions in total (default: ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(
            names = "--session-idle-timeout",
            defaultValue = "10m",
            description = "Time an unused MCP session lives (default: ${DEFAULT-VALUE}).")
    String sessionIdleTimeout;

    @Option(
            names = "--max-upload-mb",
            defaultValue = "50",
            description = "Largest bundle a deploy or dry-run accepts, in MiB (default: ${DEFAULT-VALUE}).")
    long maxUploadMb;

    @Option(
            names = "--max-mcp-servers",
            defaultValue = "1000",
            description = "MCP server instances, one per environment, integration scope and key; at the limit those"
                    + " without a live session are dropped first (default: ${DEFAULT-VALUE}).")
    int maxMcpServers;

    DoorLimits limits() {
        return DoorLimits.defaults()
                .withConnections(maxConnections, maxConnectionsPerAddress)
                .withTimeouts(duration(headerTimeout), duration(bodyReadTimeout), duration(idleTimeout))
                .withSessions(maxSessionsPerKey, maxSessions, duration(sessionIdleTimeout))
                .withMaxUploadBytes(maxUploadMb * 1024 * 1024)
                .withMaxMcpServers(maxMcpServers);
    }

    /** {@code 10s}, {@code 5m}, {@code 1h}: ISO-8601 without the {@code PT}. */
    private static Duration duration(String text) {
        return Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
    }
}
