package io.actionport.server.runner;

import io.actionport.sdk.ActionException;
import io.actionport.sdk.Elicitation;
import io.actionport.server.schema.JsonSchemaCompiler;
import io.actionport.server.schema.RecordSchemaGenerator;
import io.actionport.server.store.Json;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an action's {@code context.elicit(message, Type.class)} into a question for whoever waits
 * for the call: the record type becomes MCP's flat form schema, and the answer is checked against
 * it before the action sees it.
 */
final class Elicitations {

    private static final RecordSchemaGenerator SCHEMAS = new RecordSchemaGenerator();
    private static final JsonSchemaCompiler COMPILER = new JsonSchemaCompiler();

    private final ProgressListener caller;
    private final java.util.Map<String, Integer> asked = new java.util.HashMap<>();

    Elicitations(ProgressListener caller) {
        this.caller = caller;
    }

    <T> Elicitation<T> ask(String message, Class<T> type) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("elicit: the message must say what is asked");
        }
        var schema = formSchema(type);
        var answer = caller.elicit(key(type), message, schema);
        return switch (answer.action() == null ? "" : answer.action().toLowerCase(Locale.ROOT)) {
            case "accept" -> new Elicitation<>(Elicitation.Outcome.ACCEPT, content(type, schema, answer));
            case "decline" -> new Elicitation<>(Elicitation.Outcome.DECLINE, null);
            default -> new Elicitation<>(Elicitation.Outcome.CANCEL, null);
        };
    }

    /**
     * A question's key: its form type in snake case ({@code UserName} asks {@code user_name}), then
     * {@code user_name_2} the second time the same form is asked in one run.
     */
    private synchronized String key(Class<?> type) {
        var base = type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        int count = asked.merge(base, 1, Integer::sum);
        return count == 1 ? base : base + "_" + count;
    }

    /** MCP's elicitation schema: an object of primitive properties, without the JSON Schema extras. */
    static ObjectNode formSchema(Class<?> type) {
        var schema = SCHEMAS.generate(type);
        schema.remove("$schema");
        schema.remove("additionalProperties");
        schema.path("properties").properties().forEach(property -> {
            var field = (ObjectNode) property.getValue();
            if (field.get("type") instanceof ArrayNode types) {
                // Optional fields are "type": [t, "null"]; a form field has one type, and may be left empty.
                for (var each : types) {
                    if (!each.asString().equals("null")) {
                        field.put("type", each.asString());
                        break;
                    }
                }
            }
        });
        return schema;
    }

    private static <T> T content(Class<T> type, ObjectNode schema, ElicitationAnswer answer) {
        var content = answer.content() == null ? Json.MAPPER.createObjectNode() : answer.content();
        var violations = COMPILER.compile(schema).validate(content);
        if (!violations.isEmpty()) {
            throw new ActionException(
                    "invalid_elicitation_answer",
                    "the answer does not fit the form: "
                            + violations.stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
        return Json.MAPPER.treeToValue(content, type);
    }
}
