package io.actionport.server.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import reactor.netty.http.server.HttpRouteHandlerMetadata;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Turns a request path into the route template it matched ({@code /executions/abc} into {@code
 * /executions/{id}}), so the {@code uri} label of the HTTP meters has one value per route, never
 * one per id. A path no route serves is {@value #UNMATCHED}.
 */
public final class UriTemplates {

    /** The label of every path that matches no route: scanners and typos share one series. */
    public static final String UNMATCHED = "unmatched";

    // Replaced whole on each add, so requests served meanwhile read a complete table.
    private volatile Set<String> literals = Set.of();
    private volatile List<Template> templates = List.of();

    /**
     * Adds templates: {@code /keys/{id}} matches one segment for {@code {id}}, a trailing {@code
     * /**} (as in {@code /proxy/**}) matches any rest of the path.
     */
    public synchronized UriTemplates add(String... paths) {
        var newLiterals = new HashSet<>(literals);
        var newTemplates = new ArrayList<>(templates);
        for (var path : paths) {
            if (path.contains("{") || path.endsWith("/**")) {
                newTemplates.add(new Template(path));
            } else {
                newLiterals.add(path);
            }
        }
        // The most specific first: /health/ready before /health/{name}.
        newTemplates.sort((a, b) -> Integer.compare(b.literalSegments(), a.literalSegments()));
        literals = Set.copyOf(newLiterals);
        templates = List.copyOf(newTemplates);
        return this;
    }

    /**
     * Adds the template of every route registered with a path ({@code routes.get("/actions", ...)});
     * routes chosen by a predicate of their own have no path, and are added with {@link #add}.
     */
    public UriTemplates addRoutesOf(HttpServerRoutes routes) {
        var paths = new ArrayList<String>();
        // Reactor Netty offers no other read access to its route table: the predicate keeps every route.
        routes.removeIf((HttpRouteHandlerMetadata route) -> {
            if (route.getPath() != null) {
                paths.add(route.getPath());
            }
            return false;
        });
        return add(paths.toArray(String[]::new));
    }

    /** The template {@code path} matches, or {@value #UNMATCHED}. */
    public String templateOf(String path) {
        if (literals.contains(path)) {
            return path;
        }
        for (var template : templates) {
            if (template.matches(path)) {
                return template.path();
            }
        }
        return UNMATCHED;
    }

    private record Template(String path, String[] segments, boolean anyRest) {

        Template(String path) {
            this(
                    path,
                    (path.endsWith("/**") ? path.substring(0, path.length() - 3) : path)
                            .substring(1)
                            .split("/"),
                    path.endsWith("/**"));
        }

        int literalSegments() {
            int count = 0;
            for (var segment : segments) {
                if (!segment.startsWith("{")) {
                    count++;
                }
            }
            return count;
        }

        boolean matches(String requested) {
            if (!requested.startsWith("/")) {
                return false;
            }
            var parts = requested.substring(1).split("/", -1);
            if (anyRest ? parts.length <= segments.length : parts.length != segments.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                boolean variable = segments[i].startsWith("{");
                if (variable ? parts[i].isEmpty() : !segments[i].equals(parts[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
