package io.actionport.sdk;

/**
 * An integration action: one typed function from an input record to an output record.
 *
 * <p>Implementations are discovered with {@link java.util.ServiceLoader} from a bundle jar, so
 * they need a public no-argument constructor. Everything that describes the action (name,
 * schemas, hints, timeout) lives in its {@link ActionDescriptor}; the action itself is one method.
 *
 * @param <I> the input record
 * @param <O> the output record
 */
public interface Action<I, O> {

    /** What this action is, for the registry, the MCP tool list and the HTTP catalog. */
    ActionDescriptor<I, O> descriptor();

    /**
     * Runs the action. Called on a virtual thread, so blocking calls are fine; the thread is
     * interrupted when the execution times out or is cancelled.
     *
     * @throws ProviderException when the provider refused the request
     * @throws ActionException when the action decides the call cannot succeed
     */
    O run(I input, ActionContext context) throws Exception;
}
