package io.actionport.server.registry;

import io.actionport.sdk.Action;
import io.actionport.sdk.Prompt;
import io.actionport.sdk.PromptsAndResources;
import io.actionport.sdk.ResourceTemplate;
import io.actionport.sdk.StaticResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The prompts, static resources and resource templates a bundle offers MCP clients, checked
 * against its actions: names and URIs are unique, and each template is read by a read-only action
 * of the bundle.
 *
 * @param prompts the prompts
 * @param resources the static resources
 * @param templates the templates, each with the qualified name of the action that reads it
 */
public record BundleOfferings(List<Prompt> prompts, List<StaticResource> resources, List<BoundTemplate> templates) {

    public static final BundleOfferings NONE = new BundleOfferings(List.of(), List.of(), List.of());

    /**
     * A resource template and the action that reads it.
     *
     * @param action the action's qualified name, {@code integration/name}
     */
    public record BoundTemplate(ResourceTemplate template, String action, String integration) {}

    public BundleOfferings {
        prompts = List.copyOf(prompts);
        resources = List.copyOf(resources);
        templates = List.copyOf(templates);
    }

    /** Whether the bundle offers nothing besides tools. */
    public boolean isEmpty() {
        return prompts.isEmpty() && resources.isEmpty() && templates.isEmpty();
    }

    /**
     * Checks what a bundle declares against its actions.
     *
     * @throws DeploymentConflictException naming the duplicate or the template whose action is missing or writes
     */
    public static BundleOfferings of(String bundleName, PromptsAndResources declared, List<Action<?, ?>> actions) {
        var prompts = List.copyOf(declared.prompts());
        var resources = List.copyOf(declared.resources());
        requireUnique(bundleName, "prompt", prompts.stream().map(Prompt::name).toList());
        requireUnique(
                bundleName,
                "resource URI",
                resources.stream().map(StaticResource::uri).toList());
        var templates = new ArrayList<BoundTemplate>();
        for (var template : declared.resourceTemplates()) {
            var matches = actions.stream()
                    .map(Action::descriptor)
                    .filter(descriptor -> descriptor.qualifiedName().equals(template.action())
                            || descriptor.name().equals(template.action()))
                    .toList();
            if (matches.size() != 1) {
                throw new DeploymentConflictException("resource template " + template.uriTemplate() + " of bundle '"
                        + bundleName + "' names action '" + template.action() + "', which the bundle has "
                        + (matches.isEmpty() ? "not" : "more than once; qualify it as integration/name"));
            }
            var descriptor = matches.getFirst();
            if (!descriptor.hints().readOnly()) {
                throw new DeploymentConflictException("resource template " + template.uriTemplate() + " of bundle '"
                        + bundleName + "' is read by " + descriptor.qualifiedName()
                        + ", which is not read-only: reading a resource must change nothing (ActionHints.READ)");
            }
            templates.add(new BoundTemplate(template, descriptor.qualifiedName(), descriptor.integration()));
        }
        requireUnique(
                bundleName,
                "resource template",
                templates.stream().map(bound -> bound.template().uriTemplate()).toList());
        return new BundleOfferings(prompts, resources, templates);
    }

    private static void requireUnique(String bundleName, String what, List<String> names) {
        var seen = new HashSet<String>();
        for (var name : names) {
            if (!seen.add(name)) {
                throw new DeploymentConflictException(
                        "bundle '" + bundleName + "' declares " + what + " '" + name + "' twice");
            }
        }
    }
}
