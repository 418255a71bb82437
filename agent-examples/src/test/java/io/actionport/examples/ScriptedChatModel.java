package io.actionport.examples;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat model that plays a script instead of thinking, so an agent runs in CI without an API key.
 * Each turn is a function of the request, so a later turn can use what the tools returned, as a
 * real model would; every request is kept for assertions.
 */
final class ScriptedChatModel implements ChatModel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Deque<Function<ChatRequest, AiMessage>> turns;
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    @SafeVarargs
    ScriptedChatModel(Function<ChatRequest, AiMessage>... turns) {
        this.turns = new ArrayDeque<>(List.of(turns));
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        var turn = turns.poll();
        if (turn == null) {
            throw new AssertionError("the agent asked the model once more than scripted, after: "
                    + request.messages().getLast());
        }
        return ChatResponse.builder().aiMessage(turn.apply(request)).build();
    }

    /** What the agent sent the model, turn by turn. */
    List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /** A tool call as a model asks for it: the tool's name and its arguments as JSON. */
    static ToolExecutionRequest call(String tool, Map<String, ?> arguments) {
        return ToolExecutionRequest.builder()
                .id(tool + "-" + Integer.toHexString(arguments.hashCode()))
                .name(tool)
                .arguments(JSON.writeValueAsString(arguments))
                .build();
    }

    /** The tool results the agent has fed back to the model so far. */
    static List<String> toolResults(ChatRequest request) {
        return request.messages().stream()
                .filter(ToolExecutionResultMessage.class::isInstance)
                .map(message -> ((ToolExecutionResultMessage) message).text())
                .toList();
    }
}
