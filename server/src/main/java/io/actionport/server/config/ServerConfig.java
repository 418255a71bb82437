package io.actionport.server.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * How to start a server.
 *
 * @param dataDir where the embedded database, the master key and the bundle cache live
 * @param databaseUrl a JDBC URL, or null for the embedded H2 file under {@code dataDir}
 * @param bindAddress the address to listen on; loopback unless told otherwise
 * @param port the port, 0 for any free one
 * @param devKey the dev environment's key on first start, or null to generate one
 * @param masterKey Base64 of the 32-byte AES key for secrets at rest, or null for the key file
 * @param allowedOrigins browser Origins allowed on {@code /mcp}, besides loopback ones
 * @param clock the clock
 */
public record ServerConfig(
        Path dataDir,
        String databaseUrl,
        String bindAddress,
        int port,
        String devKey,
        String masterKey,
        List<String> allowedOrigins,
        Clock clock) {

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(clock, "clock");
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Loopback, any free port, the embedded database, keys from the process environment. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(
                dataDir,
                null,
                "127.0.0.1",
                0,
                System.getenv("ACTIONPORT_DEV_KEY"),
                System.getenv("ACTIONPORT_MASTER_KEY"),
                List.of(),
                Clock.systemUTC());
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(dataDir, databaseUrl, bindAddress, port, devKey, masterKey, allowedOrigins, clock);
    }

    public ServerConfig withDatabaseUrl(String url) {
        return new ServerConfig(dataDir, url, bindAddress, port, devKey, masterKey, allowedOrigins, clock);
    }

    public ServerConfig withBindAddress(String address) {
        return new ServerConfig(dataDir, databaseUrl, address, port, devKey, masterKey, allowedOrigins, clock);
    }

    public ServerConfig withDevKey(String key) {
        return new ServerConfig(dataDir, databaseUrl, bindAddress, port, key, masterKey, allowedOrigins, clock);
    }

    public ServerConfig withAllowedOrigins(List<String> origins) {
        return new ServerConfig(dataDir, databaseUrl, bindAddress, port, devKey, masterKey, origins, clock);
    }
}
