package io.actionport.server.cli;

import io.actionport.server.Actionport;
import io.actionport.server.store.Json;
import java.io.PrintStream;
import java.time.Instant;

/**
 * What {@code serve --log-format json} prints on stdout instead of the plain start banner, so a
 * collector can read every line as JSON: the start itself is a log line ({@code serving on ...});
 * the dev keys of a first start are one object, printed this once and never logged.
 */
final class JsonBanner {

    private JsonBanner() {}

    static void print(PrintStream out, Actionport server) {
        server.firstStartKeys()
                .ifPresent(keys -> out.println(Json.MAPPER
                        .createObjectNode()
                        .put("timestamp", Instant.now().toEpochMilli())
                        .put("level", "INFO")
                        .put("loggerName", "io.actionport.serve")
                        .put(
                                "formattedMessage",
                                "first start: the dev keys, shown only now (the server keeps only their hashes)")
                        .put("dev_caller_key", keys.callerKey())
                        .put("dev_admin_key", keys.adminKey())
                        .toString()));
        out.flush();
    }
}
