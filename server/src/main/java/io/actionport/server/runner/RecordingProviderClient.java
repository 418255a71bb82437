package io.actionport.server.runner;

import io.actionport.sdk.ProviderClient;
import io.actionport.sdk.ProviderRequest;
import io.actionport.sdk.ProviderResponse;
import io.actionport.server.store.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Records every exchange of the provider client it wraps, for dry runs and their fixtures. */
final class RecordingProviderClient implements ProviderClient {

    private final ProviderClient delegate;
    private final List<String> secrets;
    private final List<RecordedExchange> exchanges = new ArrayList<>();

    RecordingProviderClient(ProviderClient delegate, Collection<String> secrets) {
        this.delegate = delegate;
        this.secrets = secrets.stream()
                .filter(secret -> secret != null && secret.length() >= 4)
                .toList();
    }

    @Override
    public ProviderResponse send(ProviderRequest request) {
        long started = System.nanoTime();
        var response = delegate.send(request);
        var headers = new TreeMap<String, String>();
        response.headers().forEach((name, values) -> {
            if (!name.equals("set-cookie")) {
                headers.put(name, redact(String.join(", ", values)));
            }
        });
        synchronized (exchanges) {
            exchanges.add(new RecordedExchange(
                    new RecordedExchange.Request(
                            request.method(),
                            request.path(),
                            redactedQuery(request.query()),
                            request.body() == null
                                    ? null
                                    : redacted((JsonNode) Json.MAPPER.valueToTree(request.body()))),
                    new RecordedExchange.Response(response.status(), headers, body(response)),
                    (System.nanoTime() - started) / 1_000_000));
        }
        return response;
    }

    @Override
    public java.util.Optional<java.net.URI> baseUrl() {
        return delegate.baseUrl();
    }

    List<RecordedExchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    private JsonNode body(ProviderResponse response) {
        if (response.body().length == 0) {
            return null;
        }
        try {
            return redacted(Json.MAPPER.readTree(response.body()));
        } catch (JacksonException notJson) {
            return Json.MAPPER.getNodeFactory().stringNode(redact(response.bodyText()));
        }
    }

    private Map<String, String> redactedQuery(Map<String, String> values) {
        var result = new TreeMap<String, String>();
        values.forEach((name, value) -> result.put(name, redact(value)));
        return result;
    }

    private JsonNode redacted(JsonNode node) {
        var text = node.toString();
        var clean = redact(text);
        return clean.equals(text) ? node : Json.MAPPER.readTree(clean);
    }

    private String redact(String text) {
        var result = text;
        for (var secret : secrets) {
            result = result.replace(secret, "[REDACTED]");
        }
        return result;
    }
}
