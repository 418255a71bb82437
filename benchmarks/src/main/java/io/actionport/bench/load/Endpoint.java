package io.actionport.bench.load;

import java.util.Map;
import java.util.Objects;

/**
 * Where a target's MCP endpoint is and what every request to it carries.
 *
 * @param port the port on 127.0.0.1
 * @param path the MCP path, e.g. {@code /mcp}
 * @param headers sent with every request (authorization and scope headers)
 * @param cannedIds true when the server answers fixed JSON-RPC ids (the canned ceiling), so ids are not checked
 */
public record Endpoint(int port, String path, Map<String, String> headers, boolean cannedIds) {

    /** The headers every target gets, whether it needs them or not: the load is the same for all. */
    public static final Map<String, String> BENCH_HEADERS = Map.of(
            "Authorization", "Bearer bench-key",
            "Provider-Config-Key", "demo",
            "Connection-Id", "demo");

    public Endpoint {
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
    }

    public static Endpoint mcp(int port, boolean cannedIds) {
        return new Endpoint(port, "/mcp", BENCH_HEADERS, cannedIds);
    }
}
