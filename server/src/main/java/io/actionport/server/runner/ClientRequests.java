package io.actionport.server.runner;

import io.actionport.sdk.ActionException;
import io.actionport.sdk.Answers;
import io.actionport.sdk.Ask;
import io.actionport.sdk.ClientQuestions;
import io.actionport.sdk.Elicitation;
import io.actionport.sdk.Root;
import io.actionport.sdk.Sampled;
import io.actionport.server.schema.JsonSchemaCompiler;
import io.actionport.server.schema.RecordSchemaGenerator;
import io.actionport.server.store.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an action's {@code context.elicit}, {@code sample} and {@code roots} into requests to
 * whoever waits for the call: a record type becomes MCP's flat form schema, answers are checked
 * before the action sees them, and each request gets a key that stays the same when the action runs
 * again.
 */
public final class ClientRequests implements ClientQuestions {

    private static final RecordSchemaGenerator SCHEMAS = new RecordSchemaGenerator();
    private static final JsonSchemaCompiler COMPILER = new JsonSchemaCompiler();

    private final ProgressListener caller;
    private final Map<String, Integer> asked = new HashMap<>();

    /** Questions that go to {@code caller}'s client, e.g. a prompt's through its request. */
    public ClientRequests(ProgressListener caller) {
        this.caller = caller;
    }

    @Override
    public <T> Elicitation<T> elicit(String message, Class<T> type) {
        var request = formRequest(message, type);
        return formAnswer(type, request, caller.ask(request));
    }

    /** Several questions in one go: one round for a caller that can take them together. */
    @Override
    public Answers askAll(Ask... questions) {
        var requests = new ArrayList<ClientRequest>();
        for (var question : questions) {
            requests.add(
                    switch (question) {
                        case Ask.Form form -> formRequest(form.message(), form.type());
                        case Ask.Sample sample -> samplingRequest(sample.prompt(), sample.maxTokens());
                        case Ask.Roots roots -> ClientRequest.roots(key("roots"));
                    });
        }
        var answers = caller.askAll(requests);
        var mapped = new ArrayList<Object>();
        for (int i = 0; i < questions.length; i++) {
            var answer = answers.get(i);
            mapped.add(
                    switch (questions[i]) {
                        case Ask.Form form -> formAnswer(form.type(), requests.get(i), answer);
                        case Ask.Sample sample -> sampled(answer);
                        case Ask.Roots roots -> rootsOf(answer);
                    });
        }
        return new Answers(mapped);
    }

    private ClientRequest formRequest(String message, Class<?> type) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("elicit: the message must say what is asked");
        }
        return ClientRequest.elicitation(key(snakeCase(type.getSimpleName())), message, formSchema(type));
    }

    private static <T> Elicitation<T> formAnswer(Class<T> type, ClientRequest request, JsonNode answer) {
        var schema = (ObjectNode) request.params().get("requestedSchema");
        return switch (answer.path("action").asString("").toLowerCase(Locale.ROOT)) {
            case "accept" ->
                new Elicitation<>(Elicitation.Outcome.ACCEPT, content(type, schema, answer.get("content")));
            case "decline" -> new Elicitation<>(Elicitation.Outcome.DECLINE, null);
            default -> new Elicitation<>(Elicitation.Outcome.CANCEL, null);
        };
    }

    @Override
    public Elicitation<Map<String, Object>> elicit(String message, Map<String, Object> requestedSchema) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("elicit: the message must say what is asked");
        }
        ObjectNode schema;
        try {
            schema = (ObjectNode) Json.MAPPER.valueToTree(requestedSchema);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("elicit: the schema must be a JSON object schema", e);
        }
        var title = schema.path("title").asString("");
        var answer = caller.ask(ClientRequest.elicitation(
                key(title.isBlank() ? "form" : snakeCase(title.replace(' ', '_'))), message, schema));
        return switch (answer.path("action").asString("").toLowerCase(Locale.ROOT)) {
            case "accept" ->
                new Elicitation<>(
                        Elicitation.Outcome.ACCEPT,
                        Json.MAPPER.convertValue(content(JsonNode.class, schema, answer.get("content")), MAP));
            case "decline" -> new Elicitation<>(Elicitation.Outcome.DECLINE, null);
            default -> new Elicitation<>(Elicitation.Outcome.CANCEL, null);
        };
    }

    private static final tools.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new tools.jackson.core.type.TypeReference<>() {};

    @Override
    public Sampled sample(String prompt, int maxTokens) {
        return sampled(caller.ask(samplingRequest(prompt, maxTokens)));
    }

    private ClientRequest samplingRequest(String prompt, int maxTokens) {
        if (prompt == null || prompt.isBlank() || maxTokens < 1) {
            throw new IllegalArgumentException("sample: give a prompt and a positive maxTokens");
        }
        return ClientRequest.sampling(key("sampling"), prompt, maxTokens);
    }

    private static Sampled sampled(JsonNode answer) {
        var content = answer.path("content");
        var text = content.isArray() ? content.path(0).path("text") : content.path("text");
        if (!text.isString()) {
            throw new ActionException("invalid_sampling_answer", "the caller's model answered no text");
        }
        return new Sampled(text.asString(), answer.path("model").asString(null));
    }

    @Override
    public List<Root> roots() {
        return rootsOf(caller.ask(ClientRequest.roots(key("roots"))));
    }

    private static List<Root> rootsOf(JsonNode answer) {
        var roots = new ArrayList<Root>();
        answer.path("roots")
                .forEach(root -> roots.add(
                        new Root(root.path("uri").asString(), root.path("name").asString(null))));
        return List.copyOf(roots);
    }

    /**
     * A request's key: its form type in snake case ({@code UserName} asks {@code user_name}), or
     * {@code sampling}, {@code roots}; then {@code _2} and on when the same is asked again in one run.
     */
    private synchronized String key(String base) {
        int count = asked.merge(base, 1, Integer::sum);
        return count == 1 ? base : base + "_" + count;
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
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

    private static <T> T content(Class<T> type, ObjectNode schema, JsonNode given) {
        var content = given == null || given.isNull() ? Json.MAPPER.createObjectNode() : given;
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
