package io.actionport.sdk;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Walks the pages of a list lazily: the next page is fetched when the items of the last run out. */
final class Paginator<T> implements Iterator<T> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LINK = Pattern.compile("<([^>]*)>([^,]*)");
    private static final Pattern REL_NEXT = Pattern.compile("(?i)rel\\s*=\\s*\"?[^\"]*\\bnext\\b");

    private final ProviderClient client;
    private final Pagination pagination;
    private final Class<T> itemType;
    private final ArrayDeque<JsonNode> buffered = new ArrayDeque<>();
    private ProviderRequest next;
    private int offset;

    private Paginator(ProviderClient client, ProviderRequest first, Pagination pagination, Class<T> itemType) {
        this.client = client;
        this.pagination = pagination;
        this.itemType = itemType;
        this.next = pagination instanceof Pagination.Offset o
                ? first.withQuery(Map.of(o.offsetParam(), "0", o.limitParam(), Integer.toString(o.limit())))
                : first;
    }

    static <T> Stream<T> stream(ProviderClient client, ProviderRequest first, Pagination pagination, Class<T> type) {
        var iterator = new Paginator<>(client, first, pagination, type);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        while (buffered.isEmpty() && next != null) {
            fetch();
        }
        return !buffered.isEmpty();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more items");
        }
        return JSON.treeToValue(buffered.poll(), itemType);
    }

    private void fetch() {
        var request = next;
        var response = client.send(request).requireSuccess();
        var body = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
        var items = body.at(pagination.items());
        if (!items.isArray()) {
            throw new IllegalStateException("page " + request.path() + " has no items array at '" + pagination.items()
                    + "'; set the Pagination's items pointer");
        }
        items.forEach(buffered::add);
        next = switch (pagination) {
            case Pagination.LinkHeader l ->
                nextLink(response).map(url -> follow(request, url)).orElse(null);
            case Pagination.Cursor c -> {
                var cursor = body.at(c.nextCursor());
                yield items.isEmpty()
                                || !(cursor.isString() || cursor.isNumber())
                                || cursor.asString().isEmpty()
                        ? null
                        : request.withQuery(Map.of(c.param(), cursor.asString()));
            }
            case Pagination.Offset o -> {
                offset += items.size();
                yield items.size() < o.limit()
                        ? null
                        : request.withQuery(Map.of(o.offsetParam(), Integer.toString(offset)));
            }
        };
    }

    private static Optional<String> nextLink(ProviderResponse response) {
        var values = response.headers().getOrDefault("link", java.util.List.of());
        for (var value : values) {
            var matcher = LINK.matcher(value);
            while (matcher.find()) {
                if (REL_NEXT.matcher(matcher.group(2)).find()) {
                    return Optional.of(matcher.group(1).trim());
                }
            }
        }
        return Optional.empty();
    }

    /** The request for a next-page URL, which must stay below the base URL. */
    private ProviderRequest follow(ProviderRequest previous, String url) {
        var base = client.baseUrl().orElse(URI.create("/"));
        var basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        var prefix = basePath.endsWith("/") ? basePath : basePath + "/";
        URI target;
        try {
            var current = base.resolve(prefix)
                    .resolve(new URI(null, null, previous.path().replaceFirst("^/+", ""), null));
            target = current.resolve(new URI(url)).normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the provider's next-page link is not a valid URL: " + url, e);
        }
        boolean sameOrigin = !target.isAbsolute()
                || !base.isAbsolute()
                || (target.getScheme().equalsIgnoreCase(base.getScheme())
                        && target.getHost().equalsIgnoreCase(base.getHost())
                        && target.getPort() == base.getPort());
        var rawPath = target.getRawPath() == null ? "/" : target.getRawPath();
        if (!sameOrigin || !(rawPath + "/").startsWith(prefix)) {
            throw new IllegalStateException("the provider's next-page link " + url + " leaves " + base);
        }
        return previous.withTarget(
                "/" + decode(rawPath.substring(prefix.length()), false), query(target.getRawQuery()));
    }

    private static Map<String, String> query(String raw) {
        var query = new LinkedHashMap<String, String>();
        if (raw != null && !raw.isEmpty()) {
            for (var pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                var name = equals < 0 ? pair : pair.substring(0, equals);
                query.put(decode(name, true), equals < 0 ? "" : decode(pair.substring(equals + 1), true));
            }
        }
        return query;
    }

    private static String decode(String raw, boolean plusIsSpace) {
        return URLDecoder.decode(plusIsSpace ? raw : raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
