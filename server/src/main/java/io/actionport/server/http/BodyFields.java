package io.actionport.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a JSON request body by type and size: a field of the wrong type, empty or too
 * long is a 400 naming it, before anything reaches the store.
 */
final class BodyFields {

    private BodyFields() {}

    /** A required string field, non-blank, at most {@code maxLength} characters. */
    static String required(JsonNode body, String field, int maxLength) {
        var value = optional(body, field, maxLength);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    /** The refusal of a body that lacks a required string field. */
    static ApiErrors.BadRequestException missing(String field) {
        return new ApiErrors.BadRequestException("missing_field", "the body needs a string \"" + field + "\"");
    }

    /** A string field whose value another class checks (e.g. {@link Identifiers}): null when absent or null. */
    static String unchecked(JsonNode body, String field) {
        var value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid(field + " must be a string, was " + typeOf(value));
        }
        return value.asString();
    }

    /** An optional string field: null when absent or null, else non-blank and at most {@code maxLength}. */
    static String optional(JsonNode body, String field, int maxLength) {
        var value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid(field + " must be a string, was " + typeOf(value));
        }
        return check(field, value.asString(), maxLength);
    }

    /**
     * An object of string values, such as credentials or metadata: empty when absent, every name and
     * value non-blank, the whole at most {@code maxBytes} as JSON.
     */
    static Map<String, String> stringMap(JsonNode body, String field, int maxBytes) {
        var value = body.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw invalid(field + " must be an object of names to string values, was " + typeOf(value));
        }
        if (value.toString().length() > maxBytes) {
            throw invalid(field + " is over the limit of " + maxBytes + " bytes as JSON");
        }
        var map = new LinkedHashMap<String, String>();
        for (var entry : value.properties()) {
            var name = entry.getKey();
            var where = field + "." + name;
            if (name.isBlank()) {
                throw invalid(field + " has an empty name; name every value");
            }
            if (!entry.getValue().isString()) {
                throw invalid(where + " must be a string, was " + typeOf(entry.getValue()));
            }
            map.put(name, check(where, entry.getValue().asString(), maxBytes));
        }
        return map;
    }

    static String typeOf(JsonNode value) {
        if (value.isString()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return "null";
    }

    private static String check(String field, String value, int maxLength) {
        if (value.isBlank()) {
            throw invalid(field + " is empty; send a value or leave the field out");
        }
        if (value.length() > maxLength) {
            throw invalid(field + " is " + value.length() + " characters long, over the limit of " + maxLength);
        }
        if (value.indexOf('\0') >= 0) {
            throw invalid(field + " contains a NUL character");
        }
        return value;
    }

    private static ApiErrors.BadRequestException invalid(String message) {
        return new ApiErrors.BadRequestException("invalid_parameter", message);
    }
}
