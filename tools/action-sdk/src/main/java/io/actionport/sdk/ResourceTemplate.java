package io.actionport.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resources read by running a read-only action: a URI template whose variables fill the action's
 * input fields of the same names. Reading {@code github://octo/demo/issues/7} through the template
 * {@code github://{owner}/{repo}/issues/{number}} runs the action with {@code owner=octo},
 * {@code repo=demo}, {@code number=7}; the resource is the action's output as JSON, or the content
 * blocks it added when it added some.
 *
 * @param uriTemplate a URI template with simple {@code {name}} variables, unique in its environment
 * @param name its name, e.g. {@code issue}
 * @param title a human title, or null
 * @param description what it is, or null
 * @param action the action of this bundle that reads it, {@code name} or {@code integration/name};
 *     it must have read-only hints
 */
public record ResourceTemplate(String uriTemplate, String name, String title, String description, String action) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

    public ResourceTemplate {
        if (uriTemplate == null || !SCHEME.matcher(uriTemplate).matches()) {
            throw new IllegalArgumentException("resource template '" + uriTemplate
                    + "' must be an absolute URI template such as github://{owner}/{repo}");
        }
        var rest = VARIABLE.matcher(uriTemplate).replaceAll("");
        if (rest.contains("{") || rest.contains("}")) {
            throw new IllegalArgumentException("resource template " + uriTemplate
                    + " may only use simple variables such as {number} (letters, digits, '_')");
        }
        if (variables(uriTemplate).isEmpty()) {
            throw new IllegalArgumentException(
                    "resource template " + uriTemplate + " has no variables; declare a StaticResource instead");
        }
        if (variables(uriTemplate).stream().distinct().count()
                < variables(uriTemplate).size()) {
            throw new IllegalArgumentException(
                    "resource template " + uriTemplate + " uses a variable twice; each fills one input field");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("resource template " + uriTemplate + " needs a name");
        }
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("resource template " + uriTemplate + " needs the action that reads it");
        }
    }

    /** A template read by {@code action}. */
    public static ResourceTemplate of(String uriTemplate, String name, String action) {
        return new ResourceTemplate(uriTemplate, name, null, null, action);
    }

    /** This template with a title and a description. */
    public ResourceTemplate titled(String title, String description) {
        return new ResourceTemplate(uriTemplate, name, title, description, action);
    }

    /** The variable names, in order. */
    public List<String> variables() {
        return variables(uriTemplate);
    }

    private static List<String> variables(String template) {
        var names = new ArrayList<String>();
        var matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
