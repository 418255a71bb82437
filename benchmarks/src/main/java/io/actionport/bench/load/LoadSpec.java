package io.actionport.bench.load;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * What a load run sends and for how long.
 *
 * @param method the JSON-RPC method, e.g. {@code tools/call}
 * @param paramsJson its params as JSON text
 * @param check what a good result looks like; a result that fails it counts as an error
 * @param clients concurrent clients, each with its own session and connection
 * @param warmup run but not counted
 * @param measure counted
 * @param maxRequestsPerClient a bound on each client's requests, whatever the time
 */
public record LoadSpec(
        String method,
        String paramsJson,
        Predicate<JsonNode> check,
        int clients,
        Duration warmup,
        Duration measure,
        long maxRequestsPerClient) {

    public LoadSpec {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(paramsJson, "paramsJson");
        Objects.requireNonNull(check, "check");
        if (clients < 1 || measure.isZero() || measure.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("a load run needs at least one client and a positive duration");
        }
    }

    /** {@code tools/call} of {@code echo} with a short message; the result must carry content. */
    public static LoadSpec echo(int clients, Duration warmup, Duration measure) {
        return new LoadSpec(
                "tools/call",
                "{\"name\":\"echo\",\"arguments\":{\"message\":\"hello\"}}",
                result -> result.path("content").size() > 0,
                clients,
                warmup,
                measure,
                10_000_000);
    }

    /** {@code tools/list}; the result must list at least {@code tools} tools. */
    public static LoadSpec listTools(int tools, int clients, Duration warmup, Duration measure) {
        return new LoadSpec(
                "tools/list",
                "{}",
                result -> result.path("tools").size() >= tools,
                clients,
                warmup,
                measure,
                1_000_000);
    }
}
