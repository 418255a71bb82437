package io.actionport.server.config;

import io.actionport.server.async.AsyncConfig;
import io.actionport.server.http.DoorLimits;
import io.actionport.server.oauth.OAuthConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How to start a server.
 *
 * @param dataDir where the embedded database, the master key and the bundle cache live
 * @param databaseUrl a JDBC URL, or null for the embedded H2 file under {@code dataDir}
 * @param bindAddress the address to listen on; loopback unless told otherwise
 * @param port the port, 0 for any free one
 * @param devKey the dev environment's caller key on first start, or null to generate one; on a later
 *     start, registered as a caller key of dev when the store has never seen it
 * @param devAdminKey the dev environment's admin key, likewise
 * @param masterKey Base64 of the 32-byte AES key for secrets at rest, or null for the key file
 * @param allowedOrigins browser Origins allowed on {@code /mcp}, besides loopback ones
 * @param egressAllow destinations outbound requests may reach although the egress policy refuses
 *     their addresses: {@code host}, {@code host:port} or a CIDR block
 * @param devWebhookUrl the dev environment's completion webhook, set at start when not null
 * @param devWebhookSecret its Standard Webhooks secret ({@code whsec_...})
 * @param nodeName this node's name in the shared queue
 * @param async how the durable queue behaves
 * @param openMetrics whether {@code /metrics} answers without a key (for a scraper on a private network)
 * @param limits the connection, time, size and session limits of the doors
 * @param oauth whether and how {@code /mcp} accepts OAuth access tokens besides keys
 * @param publicUrl this server's URL as clients and browsers reach it (behind a proxy or under
 *     another name), or null for the URL it listens on: connect links, their redirect URI and the
 *     OAuth resource default are built from it
 * @param clock the clock
 */
public record ServerConfig(
        Path dataDir,
        String databaseUrl,
        String bindAddress,
        int port,
        String devKey,
        String devAdminKey,
        String masterKey,
        List<String> allowedOrigins,
        List<String> egressAllow,
        String devWebhookUrl,
        String devWebhookSecret,
        String nodeName,
        AsyncConfig async,
        boolean openMetrics,
        DoorLimits limits,
        OAuthConfig oauth,
        java.net.URI publicUrl,
        Clock clock) {

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(async, "async");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(oauth, "oauth");
        Objects.requireNonNull(clock, "clock");
        allowedOrigins = List.copyOf(allowedOrigins);
        egressAllow = List.copyOf(egressAllow);
        if (publicUrl != null
                && (!publicUrl.isAbsolute()
                        || publicUrl.getHost() == null
                        || !(publicUrl.getScheme().equals("https")
                                || publicUrl.getScheme().equals("http"))
                        || publicUrl.getRawUserInfo() != null
                        || publicUrl.getRawQuery() != null
                        || publicUrl.getRawFragment() != null)) {
            throw new IllegalArgumentException("--public-url must be an absolute http(s) URL with a host and at most a"
                    + " path (no user, query or fragment), such as https://actionport.example.com, was '" + publicUrl
                    + "'");
        }
    }

    /** Loopback, any free port, the embedded database, keys and webhook from the process environment. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(
                dataDir,
                System.getenv("ACTIONPORT_DB_URL"),
                "127.0.0.1",
                0,
                System.getenv("ACTIONPORT_DEV_KEY"),
                System.getenv("ACTIONPORT_DEV_ADMIN_KEY"),
                System.getenv("ACTIONPORT_MASTER_KEY"),
                List.of(),
                egressAllowFromEnvironment(),
                System.getenv("ACTIONPORT_DEV_WEBHOOK_URL"),
                System.getenv("ACTIONPORT_DEV_WEBHOOK_SECRET"),
                defaultNodeName(),
                AsyncConfig.defaults(),
                false,
                DoorLimits.defaults(),
                OAuthConfig.OFF,
                null,
                Clock.systemUTC());
    }

    /** {@code ACTIONPORT_EGRESS_ALLOW}: allow-list entries separated by commas. */
    private static List<String> egressAllowFromEnvironment() {
        var value = System.getenv("ACTIONPORT_EGRESS_ALLOW");
        return value == null
                ? List.of()
                : Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(entry -> !entry.isEmpty())
                        .toList();
    }

    private static String defaultNodeName() {
        var pid = ProcessHandle.current().pid();
        var host = System.getenv().getOrDefault("HOSTNAME", "node");
        var name = host + "-" + pid;
        return name.length() <= 50 ? name : name.substring(name.length() - 50);
    }

    public ServerConfig withPort(int port) {
        return toBuilder().port(port).build();
    }

    public ServerConfig withDatabaseUrl(String url) {
        return toBuilder().databaseUrl(url).build();
    }

    public ServerConfig withBindAddress(String address) {
        return toBuilder().bindAddress(address).build();
    }

    public ServerConfig withDevKey(String key) {
        return toBuilder().devKey(key).build();
    }

    public ServerConfig withDevAdminKey(String key) {
        return toBuilder().devAdminKey(key).build();
    }

    public ServerConfig withOpenMetrics(boolean open) {
        return toBuilder().openMetrics(open).build();
    }

    public ServerConfig withMasterKey(String key) {
        return toBuilder().masterKey(key).build();
    }

    public ServerConfig withAllowedOrigins(List<String> origins) {
        return toBuilder().allowedOrigins(origins).build();
    }

    /** Adds allow-list entries of the egress policy to those from the environment. */
    public ServerConfig withEgressAllow(List<String> entries) {
        var all = new ArrayList<>(egressAllow);
        all.addAll(entries);
        return toBuilder().egressAllow(all).build();
    }

    public ServerConfig withDevWebhook(String url, String secret) {
        return toBuilder().devWebhookUrl(url).devWebhookSecret(secret).build();
    }

    public ServerConfig withNodeName(String name) {
        return toBuilder().nodeName(name).build();
    }

    public ServerConfig withAsync(AsyncConfig config) {
        return toBuilder().async(config).build();
    }

    public ServerConfig withLimits(DoorLimits value) {
        return toBuilder().limits(value).build();
    }

    public ServerConfig withOAuth(OAuthConfig value) {
        return toBuilder().oauth(value).build();
    }

    /** This configuration with the URL clients and browsers reach the server under, or null for its own. */
    public ServerConfig withPublicUrl(java.net.URI value) {
        var builder = toBuilder();
        builder.publicUrl = value;
        return builder.build();
    }

    /** This configuration with another clock, e.g. one a test moves forward. */
    public ServerConfig withClock(Clock value) {
        var builder = toBuilder();
        builder.clock = value;
        return builder.build();
    }

    private Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a configuration, keeping the others. */
    private static final class Builder {
        private Path dataDir;
        private String databaseUrl;
        private String bindAddress;
        private int port;
        private String devKey;
        private String devAdminKey;
        private String masterKey;
        private List<String> allowedOrigins;
        private List<String> egressAllow;
        private String devWebhookUrl;
        private String devWebhookSecret;
        private String nodeName;
        private AsyncConfig async;
        private boolean openMetrics;
        private DoorLimits limits;
        private OAuthConfig oauth;
        private java.net.URI publicUrl;
        private Clock clock;

        private Builder(ServerConfig config) {
            dataDir = config.dataDir;
            databaseUrl = config.databaseUrl;
            bindAddress = config.bindAddress;
            port = config.port;
            devKey = config.devKey;
            devAdminKey = config.devAdminKey;
            masterKey = config.masterKey;
            allowedOrigins = config.allowedOrigins;
            egressAllow = config.egressAllow;
            devWebhookUrl = config.devWebhookUrl;
            devWebhookSecret = config.devWebhookSecret;
            nodeName = config.nodeName;
            async = config.async;
            openMetrics = config.openMetrics;
            limits = config.limits;
            oauth = config.oauth;
            publicUrl = config.publicUrl;
            clock = config.clock;
        }

        Builder databaseUrl(String value) {
            databaseUrl = value;
            return this;
        }

        Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        Builder port(int value) {
            port = value;
            return this;
        }

        Builder devKey(String value) {
            devKey = value;
            return this;
        }

        Builder devAdminKey(String value) {
            devAdminKey = value;
            return this;
        }

        Builder openMetrics(boolean value) {
            openMetrics = value;
            return this;
        }

        Builder masterKey(String value) {
            masterKey = value;
            return this;
        }

        Builder allowedOrigins(List<String> value) {
            allowedOrigins = value;
            return this;
        }

        Builder egressAllow(List<String> value) {
            egressAllow = value;
            return this;
        }

        Builder devWebhookUrl(String value) {
            devWebhookUrl = value;
            return this;
        }

        Builder devWebhookSecret(String value) {
            devWebhookSecret = value;
            return this;
        }

        Builder nodeName(String value) {
            nodeName = value;
            return this;
        }

        Builder async(AsyncConfig value) {
            async = value;
            return this;
        }

        Builder limits(DoorLimits value) {
            limits = value;
            return this;
        }

        Builder oauth(OAuthConfig value) {
            oauth = value;
            return this;
        }

        ServerConfig build() {
            return new ServerConfig(
                    dataDir,
                    databaseUrl,
                    bindAddress,
                    port,
                    devKey,
                    devAdminKey,
                    masterKey,
                    allowedOrigins,
                    egressAllow,
                    devWebhookUrl,
                    devWebhookSecret,
                    nodeName,
                    async,
                    openMetrics,
                    limits,
                    oauth,
                    publicUrl,
                    clock);
        }
    }
}
