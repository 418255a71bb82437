package io.actionport.sdk;

import java.util.List;

/**
 * What a bundle offers MCP clients besides its tools: prompts, static resources, and resource
 * templates read through its read-only actions.
 *
 * <p>Like actions, an implementation is found with {@link java.util.ServiceLoader}: list its class
 * in {@code META-INF/services/io.actionport.sdk.PromptsAndResources} of the bundle jar. It needs a
 * public no-argument constructor. A bundle has at most one.
 *
 * <pre>{@code
 * public final class IssuePrompts implements PromptsAndResources {
 *     public List<Prompt> prompts() {
 *         return List.of(Prompt.builder("triage-issue")
 *                 .description("Triage an issue at a given severity.")
 *                 .argument(PromptArgument.required("severity", "How bad it is.").withValues("low", "high"))
 *                 .messages(args -> List.of(PromptMessage.user("Triage at severity " + args.get("severity"))))
 *                 .build());
 *     }
 *
 *     public List<StaticResource> resources() {
 *         return List.of(StaticResource.text("github://readme", "readme", "text/markdown", "# Issues"));
 *     }
 *
 *     public List<ResourceTemplate> resourceTemplates() {
 *         return List.of(ResourceTemplate.of("github://{owner}/{repo}/issues/{number}", "issue", "get-issue"));
 *     }
 * }
 * }</pre>
 */
public interface PromptsAndResources {

    /** The prompts, each with a unique name in its environment. */
    default List<Prompt> prompts() {
        return List.of();
    }

    /** Resources whose content is fixed, each with a unique URI in its environment. */
    default List<StaticResource> resources() {
        return List.of();
    }

    /** Resource templates, each read by running one of the bundle's read-only actions. */
    default List<ResourceTemplate> resourceTemplates() {
        return List.of();
    }
}
