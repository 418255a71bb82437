package io.actionport.server.it;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Content;
import io.actionport.sdk.Description;
import io.actionport.sdk.Prompt;
import io.actionport.sdk.PromptArgument;
import io.actionport.sdk.PromptMessage;
import io.actionport.sdk.PromptsAndResources;
import io.actionport.sdk.ResourceTemplate;
import io.actionport.sdk.StaticResource;
import java.util.List;

/**
 * The prompts and resources the MCP conformance suite asks for by name (scenarios prompts-*,
 * resources-*, completion-complete, input-required-result-non-tool-request), offered by the
 * conformance bundle.
 */
public final class ConformanceOfferings implements PromptsAndResources {

    @Override
    public List<Prompt> prompts() {
        return List.of(
                Prompt.builder("test_simple_prompt")
                        .description("A prompt without arguments.")
                        .messages(arguments -> List.of(PromptMessage.user("This is a simple prompt for testing.")))
                        .build(),
                Prompt.builder("test_prompt_with_arguments")
                        .description("A prompt with two required arguments.")
                        .argument(PromptArgument.required("arg1", "First test argument")
                                .withValues("paris", "park", "party", "testValue1"))
                        .argument(PromptArgument.required("arg2", "Second test argument"))
                        .messages(arguments -> List.of(PromptMessage.user("Prompt with arguments: arg1='"
                                + arguments.get("arg1") + "', arg2='" + arguments.get("arg2") + "'")))
                        .build(),
                Prompt.builder("test_prompt_with_embedded_resource")
                        .description("A prompt that embeds the resource it is given.")
                        .argument(PromptArgument.required("resourceUri", "URI of the resource to embed"))
                        .messages(arguments -> List.of(
                                PromptMessage.user(Content.resource(
                                        arguments.get("resourceUri"),
                                        "text/plain",
                                        "Embedded resource content for testing.")),
                                PromptMessage.user("Please process the embedded resource above.")))
                        .build(),
                Prompt.builder("test_prompt_with_image")
                        .description("A prompt with an image.")
                        .messages(arguments -> List.of(
                                PromptMessage.user(Content.image(ConformanceActions.png(), "image/png")),
                                PromptMessage.user("Please analyze the image above.")))
                        .build(),
                Prompt.builder("test_input_required_result_prompt")
                        .description("A prompt that asks the user for context before it renders.")
                        .messages((arguments, client) -> {
                            var answer = client.elicit("What context should the prompt use?", PromptContext.class);
                            var context = answer.accepted() ? answer.content().context() : "none given";
                            return List.of(PromptMessage.user("Answer with this context in mind: " + context));
                        })
                        .build());
    }

    record PromptContext(@Description("The context to use.") String context) {}

    @Override
    public List<StaticResource> resources() {
        return List.of(
                StaticResource.text(
                        "test://static-text",
                        "static-text",
                        "text/plain",
                        "This is the content of the static text resource."),
                StaticResource.bytes("test://static-binary", "static-binary", "image/png", ConformanceActions.png()));
    }

    @Override
    public List<ResourceTemplate> resourceTemplates() {
        return List.of(ResourceTemplate.of("test://template/{id}/data", "template-data", "template_data"));
    }

    record Id(String id) {}

    record Data(String id, boolean templateTest, String data) {}

    /** Reads {@code test://template/{id}/data}. */
    static final class TemplateData implements Action<Id, Data> {
        @Override
        public ActionDescriptor<Id, Data> descriptor() {
            return ActionDescriptor.builder(ConformanceActions.INTEGRATION, "template_data", Id.class, Data.class)
                    .description("The data of the conformance suite's resource template test://template/{id}/data.")
                    .hints(ActionHints.READ.closedWorld())
                    .build();
        }

        @Override
        public Data run(Id input, ActionContext context) {
            return new Data(input.id(), true, "Data for ID: " + input.id());
        }
    }
}
