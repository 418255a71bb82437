package io.actionport.sdk.testing;

import io.actionport.sdk.ProviderClient;
import io.actionport.sdk.ProviderRequest;
import io.actionport.sdk.ProviderResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider that answers from a fixture file recorded by {@code actionport dryrun --save-responses}:
 * each request is matched, in order, to the first unused exchange with the same method, path and
 * query. A request with no recording fails with a message that says how to record it.
 */
public final class RecordedResponses implements ProviderClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Exchange(
            String method,
            String path,
            Map<String, String> query,
            int status,
            Map<String, List<String>> headers,
            byte[] body) {}

    private final Path file;
    private final List<Exchange> unused;

    private RecordedResponses(Path file, List<Exchange> exchanges) {
        this.file = file;
        this.unused = new ArrayList<>(exchanges);
    }

    /** Reads a fixture file: {@code {"action", "exchanges": [{"request": {...}, "response": {...}}]}}. */
    public static RecordedResponses from(Path fixture) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read fixture " + fixture
                            + "; record it with: actionport dryrun <action> <connection-id> -e dev --input '...' --save-responses",
                    e);
        }
        var exchanges = new ArrayList<Exchange>();
        for (var exchange : root.path("exchanges")) {
            var request = exchange.path("request");
            var response = exchange.path("response");
            var query = new TreeMap<String, String>();
            request.path("query")
                    .properties()
                    .forEach(e -> query.put(e.getKey(), e.getValue().asString()));
            var headers = new TreeMap<String, List<String>>();
            response.path("headers")
                    .properties()
                    .forEach(e -> headers.put(e.getKey(), List.of(e.getValue().asString())));
            var body = response.path("body");
            var bytes = body.isMissingNode() || body.isNull()
                    ? new byte[0]
                    : body.isString() ? body.asString().getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
            exchanges.add(new Exchange(
                    request.path("method").asString(),
                    request.path("path").asString(),
                    query,
                    response.path("status").asInt(),
                    headers,
                    bytes));
        }
        return new RecordedResponses(fixture, exchanges);
    }

    @Override
    public synchronized ProviderResponse send(ProviderRequest request) {
        var query = new TreeMap<>(request.query());
        for (var iterator = unused.iterator(); iterator.hasNext(); ) {
            var exchange = iterator.next();
            if (exchange.method().equals(request.method())
                    && exchange.path().equals(request.path())
                    && exchange.query().equals(query)) {
                iterator.remove();
                return new ProviderResponse(
                        request.method(), request.path(), exchange.status(), exchange.headers(), exchange.body());
            }
        }
        throw new IllegalStateException("no recorded response for " + request.method() + " " + request.path()
                + (query.isEmpty() ? "" : " " + query) + " in " + file
                + "; record it again with actionport dryrun ... --save-responses");
    }
}
