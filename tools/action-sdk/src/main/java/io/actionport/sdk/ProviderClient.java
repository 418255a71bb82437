package io.actionport.sdk;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Calls the connection's provider: paths are resolved against the integration's base URL and the
 * connection's credentials are added; the action never sees them.
 *
 * <p>The JSON helpers throw {@link ProviderException} on a non-2xx answer, so an action only maps
 * the happy path. Requests that are idempotent (GET, HEAD, PUT, DELETE, OPTIONS, or {@linkplain
 * ProviderRequest#markIdempotent() marked} so) are retried on a 429 or 5xx, honouring {@code
 * Retry-After}, up to three attempts in all; each request waits at most its {@linkplain
 * ProviderRequest#timeout() timeout} for an answer.
 */
public interface ProviderClient {

    /** Sends a request and returns the answer whatever its status. */
    ProviderResponse send(ProviderRequest request);

    /** GETs a path and reads the JSON answer as {@code type}. */
    default <T> T getJson(String path, Class<T> type) {
        return send(ProviderRequest.get(path)).requireSuccess().json(type);
    }

    /** GETs a path with query parameters and reads the JSON answer as {@code type}. */
    default <T> T getJson(String path, Map<String, String> query, Class<T> type) {
        return send(ProviderRequest.get(path).withQuery(query)).requireSuccess().json(type);
    }

    /** POSTs {@code body} as JSON and reads the JSON answer as {@code type}. */
    default <T> T postJson(String path, Object body, Class<T> type) {
        return send(ProviderRequest.post(path, body)).requireSuccess().json(type);
    }

    /** PUTs {@code body} as JSON and reads the JSON answer as {@code type}. */
    default <T> T putJson(String path, Object body, Class<T> type) {
        return send(ProviderRequest.put(path, body)).requireSuccess().json(type);
    }

    /**
     * The items of every page of a list, fetched lazily as the stream is consumed: a page is only
     * requested once the items before it are used up, so {@code limit(n)} stops early.
     *
     * @param first the request for the first page
     * @param pagination how the provider pages: link header, cursor or offset
     * @param itemType what each item is read as (a record, a map or a JsonNode)
     * @throws ProviderException from the stream when a page's answer is not 2xx
     */
    default <T> Stream<T> paginate(ProviderRequest first, Pagination pagination, Class<T> itemType) {
        return Paginator.stream(this, first, pagination, itemType);
    }

    /**
     * The integration's base URL, which request paths are relative to, when this client knows it;
     * link-header pagination needs it to turn a provider's absolute next-page URL into a path.
     */
    default Optional<URI> baseUrl() {
        return Optional.empty();
    }
}
