package io.actionport.server.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A schema compiled once, validated against many times. */
public final class CompiledSchema {

    private final ObjectNode json;
    private final Schema schema;

    CompiledSchema(ObjectNode json, Schema schema) {
        this.json = json;
        this.schema = schema;
    }

    /** The schema itself, as advertised to callers. */
    public ObjectNode json() {
        return json;
    }

    /** Every violation of the schema by {@code document}; empty when it is valid. */
    public List<Violation> validate(JsonNode document) {
        return schema.validate(document).stream().map(CompiledSchema::violation).toList();
    }

    private static Violation violation(Error error) {
        var pointer = error.getInstanceLocation().toString();
        var message = error.getMessage();
        // networknt prefixes messages with the instance location; the pointer carries it already.
        var prefix = pointer + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        // A missing or unexpected property is reported at its parent; point at the property itself.
        if (error.getProperty() != null
                && ("required".equals(error.getKeyword()) || "additionalProperties".equals(error.getKeyword()))) {
            pointer = pointer + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return new Violation(pointer, error.getKeyword(), message);
    }
}
