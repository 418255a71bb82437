package io.actionport.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits every door enforces: how long a client may take, how many connections and MCP
 * sessions it may hold, and how large what it sends may be. The defaults suit one server facing
 * untrusted clients; each has a {@code serve} flag (docs/security-limits.md lists them).
 *
 * @param headerTimeout how long a client may take to send a request's line and headers once it
 *     started (10 s); a client that dribbles them is closed
 * @param bodyReadTimeout the longest pause between two reads of a request body (30 s)
 * @param bodyTimeout how long a whole request body may take to arrive (5 min: 50 MB at 170 KB/s)
 * @param idleTimeout how long a keep-alive connection may wait for its next request (60 s)
 * @param maxHeaderBytes the largest header block of a request (16 KiB)
 * @param maxRequestLineBytes the longest request line, method, path and version (8 KiB)
 * @param maxConnections open connections in total (10,000); more are closed at accept
 * @param maxConnectionsPerAddress open connections from one client address, loopback included (256)
 * @param maxSessionsPerKey live MCP sessions of one key (1,000)
 * @param maxSessions live MCP sessions in total (10,000)
 * @param sessionIdleTimeout how long an MCP session may go unused before it is closed (10 min)
 * @param maxKeptFieldChars the longest value a session keeps: client name and version, protocol
 *     version, request ids (256)
 * @param maxUploadBytes the largest admin upload, a deployed jar or a dry-run bundle (50 MiB)
 * @param maxMcpServers MCP server instances, one per environment, integration scope and key (1,000)
 * @param dropLogInterval at most one warning per reason for dropped connections in this time (60 s)
 */
public record DoorLimits(
        Duration headerTimeout,
        Duration bodyReadTimeout,
        Duration bodyTimeout,
        Duration idleTimeout,
        int maxHeaderBytes,
        int maxRequestLineBytes,
        int maxConnections,
        int maxConnectionsPerAddress,
        int maxSessionsPerKey,
        int maxSessions,
        Duration sessionIdleTimeout,
        int maxKeptFieldChars,
        long maxUploadBytes,
        int maxMcpServers,
        Duration dropLogInterval) {

    public DoorLimits {
        requirePositive(headerTimeout, "headerTimeout");
        requirePositive(bodyReadTimeout, "bodyReadTimeout");
        requirePositive(bodyTimeout, "bodyTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(sessionIdleTimeout, "sessionIdleTimeout");
        requirePositive(dropLogInterval, "dropLogInterval");
        requirePositive(maxHeaderBytes, "maxHeaderBytes");
        requirePositive(maxRequestLineBytes, "maxRequestLineBytes");
        requirePositive(maxConnections, "maxConnections");
        requirePositive(maxConnectionsPerAddress, "maxConnectionsPerAddress");
        requirePositive(maxSessionsPerKey, "maxSessionsPerKey");
        requirePositive(maxSessions, "maxSessions");
        requirePositive(maxKeptFieldChars, "maxKeptFieldChars");
        requirePositive(maxUploadBytes, "maxUploadBytes");
        requirePositive(maxMcpServers, "maxMcpServers");
    }

    public static DoorLimits defaults() {
        return new DoorLimits(
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofSeconds(60),
                16 * 1024,
                8 * 1024,
                10_000,
                256,
                1_000,
                10_000,
                Duration.ofMinutes(10),
                256,
                50L * 1024 * 1024,
                1_000,
                Duration.ofSeconds(60));
    }

    public DoorLimits withTimeouts(Duration header, Duration bodyRead, Duration idle) {
        return new DoorLimits(
                header,
                bodyRead,
                bodyTimeout,
                idle,
                maxHeaderBytes,
                maxRequestLineBytes,
                maxConnections,
                maxConnectionsPerAddress,
                maxSessionsPerKey,
                maxSessions,
                sessionIdleTimeout,
                maxKeptFieldChars,
                maxUploadBytes,
                maxMcpServers,
                dropLogInterval);
    }

    public DoorLimits withConnections(int total, int perAddress) {
        return new DoorLimits(
                headerTimeout,
                bodyReadTimeout,
                bodyTimeout,
                idleTimeout,
                maxHeaderBytes,
                maxRequestLineBytes,
                total,
                perAddress,
                maxSessionsPerKey,
                maxSessions,
                sessionIdleTimeout,
                maxKeptFieldChars,
                maxUploadBytes,
                maxMcpServers,
                dropLogInterval);
    }

    public DoorLimits withSessions(int perKey, int total, Duration idle) {
        return new DoorLimits(
                headerTimeout,
                bodyReadTimeout,
                bodyTimeout,
                idleTimeout,
                maxHeaderBytes,
                maxRequestLineBytes,
                maxConnections,
                maxConnectionsPerAddress,
                perKey,
                total,
                idle,
                maxKeptFieldChars,
                maxUploadBytes,
                maxMcpServers,
                dropLogInterval);
    }

    public DoorLimits withMaxUploadBytes(long bytes) {
        return new DoorLimits(
                headerTimeout,
                bodyReadTimeout,
                bodyTimeout,
                idleTimeout,
                maxHeaderBytes,
                maxRequestLineBytes,
                maxConnections,
                maxConnectionsPerAddress,
                maxSessionsPerKey,
                maxSessions,
                sessionIdleTimeout,
                maxKeptFieldChars,
                bytes,
                maxMcpServers,
                dropLogInterval);
    }

    public DoorLimits withMaxMcpServers(int servers) {
        return new DoorLimits(
                headerTimeout,
                bodyReadTimeout,
                bodyTimeout,
                idleTimeout,
                maxHeaderBytes,
                maxRequestLineBytes,
                maxConnections,
                maxConnectionsPerAddress,
                maxSessionsPerKey,
                maxSessions,
                sessionIdleTimeout,
                maxKeptFieldChars,
                maxUploadBytes,
                servers,
                dropLogInterval);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
