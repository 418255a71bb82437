package io.actionport.sdk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider's answer.
 *
 * @param method the request's method
 * @param path the request's path
 * @param status the HTTP status
 * @param headers the response headers, names in lower case
 * @param body the response body
 */
public record ProviderResponse(String method, String path, int status, Map<String, List<String>> headers, byte[] body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ProviderResponse {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** This response, or a {@link ProviderException} when the status is not 2xx. */
    public ProviderResponse requireSuccess() {
        if (!isSuccess()) {
            throw new ProviderException(
                    method, path, status, bodyText(), retryAfter().orElse(null));
        }
        return this;
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        var values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The {@code Retry-After} header, in seconds or as an HTTP date, as a wait from now. */
    public Optional<Duration> retryAfter() {
        return header("retry-after").map(String::trim).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    var at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    var wait = Duration.between(Instant.now(), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        });
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body read as JSON into {@code type} (a record, a list, a map or a JsonNode). */
    public <T> T json(Class<T> type) {
        return JSON.readValue(body, type);
    }
}
