package io.actionport.server.http;

import io.actionport.server.Printable;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Reads the HTTP door's query parameters, headers and path parameters strictly: a value that is not
 * what it must be is a 400 naming the parameter and what it must be, never a default in disguise.
 */
final class RequestParameters {

    private RequestParameters() {}

    /** The first value of a query parameter, or null. */
    static String query(HttpServerRequest request, String name) {
        return queryParameters(request).getOrDefault(name, List.of()).stream()
                .findFirst()
                .orElse(null);
    }

    /** Every query parameter; a query that cannot be decoded (e.g. {@code %ZZ}) is a 400. */
    static java.util.Map<String, List<String>> queryParameters(HttpServerRequest request) {
        try {
            return new QueryStringDecoder(request.uri()).parameters();
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadRequestException(
                    "malformed_query",
                    "the query string cannot be decoded: " + e.getMessage()
                            + "; percent-encode reserved characters (%25 for %)");
        }
    }

    /** A whole-number query parameter within bounds, or the fallback when absent. */
    static int wholeNumber(String name, String value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        var number = parse(value, min, max);
        if (number == null) {
            throw new ApiErrors.BadRequestException(
                    "invalid_parameter",
                    name + " must be a whole number from " + min + " to " + max + ", was '" + Printable.quote(value)
                            + "'");
        }
        return number;
    }

    /** A header that is true or false; absent is false. */
    static boolean booleanHeader(HttpServerRequest request, String header) {
        var value = HttpApi.header(request, header);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ApiErrors.BadRequestException(
                "invalid_header", header + " must be true or false, was '" + Printable.quote(value) + "'");
    }

    /** A whole-number header within bounds, or null when absent. */
    static Integer wholeNumberHeader(HttpServerRequest request, String header, int min, int max) {
        var value = HttpApi.header(request, header);
        if (value == null) {
            return null;
        }
        var number = parse(value, min, max);
        if (number == null) {
            throw new ApiErrors.BadRequestException(
                    "invalid_header",
                    header + " must be a whole number from " + min + " to " + max + ", was '" + Printable.quote(value)
                            + "'");
        }
        return number;
    }

    /**
     * A path parameter, percent-decoded, so that a name created through a body can be named in a
     * path again ({@code user%40example.com}).
     */
    static String path(HttpServerRequest request, String name) {
        var raw = request.param(name);
        if (raw == null) {
            return null;
        }
        try {
            return QueryStringDecoder.decodeComponent(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadRequestException(
                    "invalid_parameter",
                    "the path parameter " + name + " is not valid percent-encoding: '" + Printable.quote(raw) + "'");
        }
    }

    private static Integer parse(String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.trim());
            return number < min || number > max ? null : number;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
