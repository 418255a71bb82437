package io.actionport.catalog.demo;

import io.actionport.sdk.Prompt;
import io.actionport.sdk.PromptArgument;
import io.actionport.sdk.PromptMessage;
import io.actionport.sdk.PromptsAndResources;
import io.actionport.sdk.ResourceTemplate;
import io.actionport.sdk.StaticResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The demo's prompt and resources: a triage prompt, a README, and issue lists read through list-issues. */
public final class DemoPrompts implements PromptsAndResources {

    static final String README = """
            # Demo issue tracker

            The demo integration talks to a small issue tracker inside the server.
            Tools: `echo`, `list-issues`, `create-issue`, `bulk-import`.
            Resources: `demo://issues/{state}` lists the open, closed or all issues.
            Prompt: `triage-issue` triages an issue at a severity of low, medium or high.
            """;

    @Override
    public List<Prompt> prompts() {
        return List.of(Prompt.builder("triage-issue")
                .title("Triage an issue")
                .description("Asks the assistant to triage an issue of the demo tracker at a given severity.")
                .argument(PromptArgument.required("severity", "How urgent the issue is.")
                        .withValues("low", "medium", "high"))
                .argument(PromptArgument.optional("issue", "The issue's title or number, if one is in mind."))
                .messages(DemoPrompts::triage)
                .build());
    }

    @Override
    public List<StaticResource> resources() {
        return List.of(StaticResource.text("demo://readme", "README.md", "text/markdown", README)
                .titled("Demo tracker README", "What the demo integration offers and how to try it."));
    }

    @Override
    public List<ResourceTemplate> resourceTemplates() {
        return List.of(ResourceTemplate.of("demo://issues/{state}", "issues", "list-issues")
                .titled("Issues by state", "The demo tracker's issues in a state (open, closed or all), as JSON."));
    }

    private static List<PromptMessage> triage(Map<String, String> arguments) {
        var which = arguments.containsKey("issue") ? "issue " + arguments.get("issue") : "the newest open issue";
        var messages = new ArrayList<PromptMessage>();
        messages.add(PromptMessage.user("Triage " + which + " of the demo tracker at severity "
                + arguments.get("severity") + ": read demo://issues/open, say who should act and by when."));
        messages.add(PromptMessage.assistant("I will read the open issues first, then propose an owner and a date."));
        return messages;
    }
}
