package io.actionport.server.mcp;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What an action's input schema says about one field, for filling it from a URI template variable
 * and completing it: its scalar type and its enumerated values. A nullable field's schema may list
 * {@code null} among its types or values, or wrap the field in {@code anyOf}; null is left out.
 */
final class InputFields {

    private InputFields() {}

    /** The field's schema in an object schema's {@code properties}, or a missing node. */
    static JsonNode field(JsonNode objectSchema, String name) {
        return objectSchema.path("properties").path(name);
    }

    /** The field's JSON type other than null: {@code string}, {@code integer}, ...; string when unsaid. */
    static String type(JsonNode field) {
        for (var schema : alternatives(field)) {
            var type = schema.path("type");
            if (type.isString() && !type.asString().equals("null")) {
                return type.asString();
            }
            for (var each : type) {
                if (!each.asString().equals("null")) {
                    return each.asString();
                }
            }
        }
        return "string";
    }

    /** The field's enumerated values other than null, in schema order; empty for a free field. */
    static List<String> values(JsonNode field) {
        var values = new ArrayList<String>();
        for (var schema : alternatives(field)) {
            for (var value : schema.path("enum")) {
                if (!value.isNull()) {
                    values.add(value.asString());
                }
            }
        }
        return values;
    }

    private static List<JsonNode> alternatives(JsonNode field) {
        var schemas = new ArrayList<JsonNode>();
        schemas.add(field);
        field.path("anyOf").forEach(schemas::add);
        field.path("oneOf").forEach(schemas::add);
        return schemas;
    }
}
