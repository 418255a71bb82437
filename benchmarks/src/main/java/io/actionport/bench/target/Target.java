package io.actionport.bench.target;

import io.actionport.bench.load.Endpoint;
import java.util.Objects;

/**
 * A running server the load generator is pointed at.
 *
 * @param name the short name used in the results, e.g. {@code actionport}
 * @param description what it is, with versions, for the report
 * @param process the server's process
 * @param endpoint its MCP endpoint
 */
public record Target(String name, String description, ServerProcess process, Endpoint endpoint)
        implements AutoCloseable {

    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public void close() {
        process.close();
    }
}
