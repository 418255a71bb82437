package io.actionport.server.cli;

import io.actionport.server.Actionport;
import io.actionport.server.demo.DemoSetup;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the server: HTTP API and MCP on one port. */
@Command(name = "serve", description = "Serve the HTTP API and MCP (/mcp) on one port.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    LimitOptions limits;

    @Mixin
    OAuthOptions oauth;

    @Option(
            names = "--port",
            defaultValue = "${env:ACTIONPORT_PORT:-8787}",
            description = "Port (or ACTIONPORT_PORT; default: 8787).")
    int port;

    @Option(
            names = "--bind",
            defaultValue = "${env:ACTIONPORT_BIND:-127.0.0.1}",
            description = "Bind address (or ACTIONPORT_BIND; default: 127.0.0.1); 0.0.0.0 listens on every interface.")
    String bind;

    @Option(
            names = "--public-url",
            defaultValue = "${env:ACTIONPORT_PUBLIC_URL}",
            description = "This server's URL as clients and browsers reach it, behind a proxy or under another name"
                    + " (or ACTIONPORT_PUBLIC_URL; default: the URL it listens on): connect links, their redirect URI"
                    + " and the OAuth resource default are built from it.")
    java.net.URI publicUrl;

    @Option(names = "--allow-origin", description = "A browser Origin allowed on /mcp (repeatable).")
    List<String> allowedOrigins = List.of();

    @Option(
            names = "--egress-allow",
            description = "A destination outbound requests may reach although private or loopback: host, host:port or"
                    + " CIDR (repeatable; adds to ACTIONPORT_EGRESS_ALLOW).")
    List<String> egressAllow = List.of();

    @Option(names = "--node-name", description = "This node's name in the shared queue (default: host and pid).")
    String nodeName;

    @Option(
            names = "--per-connection-limit",
            defaultValue = "16",
            description = "Async executions of one connection run at once on this node (default: ${DEFAULT-VALUE}).")
    int perConnectionLimit;

    @Option(
            names = "--per-integration-rate",
            defaultValue = "0",
            description = "Async executions of one integration started per second on this node; 0 for no limit.")
    double perIntegrationRate;

    @Option(
            names = "--sync-budget",
            defaultValue = "10s",
            description =
                    "How long MCP calls to async-when-slow actions wait before answering with a link (default: ${DEFAULT-VALUE}).")
    String syncBudget;

    @Option(
            names = "--open-metrics",
            description = "Serve /metrics without a key (default: an admin key is needed), e.g. for a scraper.")
    boolean openMetrics;

    @Option(
            names = "--shutdown-grace",
            defaultValue = "30s",
            description = "On SIGTERM, how long running executions may take to finish before idempotent ones are"
                    + " handed back to the queue and the others end interrupted (default: ${DEFAULT-VALUE}).")
    String shutdownGrace;

    @Option(
            names = "--log-format",
            defaultValue = "${env:ACTIONPORT_LOG_FORMAT:-plain}",
            description = "plain (default), or json: one JSON object per log line, for a log collector"
                    + " (or ACTIONPORT_LOG_FORMAT).")
    String logFormat;

    @Override
    public Integer call() {
        var format = LogFormat.parse(logFormat);
        format.apply();
        var grace = Duration.parse("PT" + shutdownGrace.toUpperCase(Locale.ROOT));
        var config = data.config()
                .withPort(port)
                .withBindAddress(bind)
                .withAllowedOrigins(allowedOrigins)
                .withEgressAllow(egressAllow)
                .withOpenMetrics(openMetrics)
                .withLimits(limits.limits())
                .withOAuth(oauth.oauth())
                .withPublicUrl(publicUrl);
        config = config.withAsync(config.async()
                .withLimits(perConnectionLimit, perIntegrationRate)
                .withSyncBudget(Duration.parse("PT" + syncBudget.toUpperCase(Locale.ROOT))));
        if (nodeName != null) {
            config = config.withNodeName(nodeName);
        }
        var server = Actionport.start(config);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop(grace);
                            // A stop that handed its work back is a clean exit, not the signal's 143.
                            Runtime.getRuntime().halt(0);
                        },
                        "shutdown"));
        var out = System.out;
        if (format == LogFormat.JSON) {
            JsonBanner.print(out, server);
            server.awaitShutdown();
            return 0;
        }
        out.println("Actionport " + Actionport.VERSION + " serving on " + server.baseUrl());
        out.println("  MCP (Streamable HTTP): " + server.baseUrl() + "/mcp");
        if (config.oauth().enabled()) {
            out.println("  OAuth: /mcp also takes access tokens of "
                    + config.oauth().issuer() + ", as callers of "
                    + config.oauth().environment() + " (metadata: " + server.baseUrl()
                    + "/.well-known/oauth-protected-resource/mcp)");
        }
        if (server.listensOnAllInterfaces()) {
            out.println("  listening on every interface (--bind " + bind
                    + "): other machines use this host's name or address instead of 127.0.0.1");
        }
        server.firstStartKeys()
                .ifPresentOrElse(
                        keys -> printFirstStartKeys(out, server, keys),
                        () -> out.println("  keys:     not shown after the first start; make one with"
                                + " 'actionport keys create --role caller --key <an admin key>'"));
        out.flush();
        server.awaitShutdown();
        return 0;
    }

    /** The dev keys, printed this once: the store keeps only their hashes. */
    private static void printFirstStartKeys(java.io.PrintStream out, Actionport server, DemoSetup.DevKeys keys) {
        out.println("  dev caller key: " + keys.callerKey());
        out.println("      for MCP clients, the Inspector, and triggering actions");
        out.println("  dev admin key:  " + keys.adminKey());
        out.println("      for deploy, dryrun, connections, webhooks, keys (deploying runs code on this server)");
        out.println("  These keys are shown only now: store them (the server keeps only their hashes).");
        out.println("  try:      curl -s " + server.baseUrl() + "/action/trigger -H 'Authorization: Bearer "
                + keys.callerKey()
                + "' -H 'Connection-Id: demo' -H 'Provider-Config-Key: demo' -H 'Content-Type: application/json'"
                + " -d '{\"action_name\":\"echo\",\"input\":{\"message\":\"hi\"}}'");
    }
}
