package io.actionport.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * The bundle project {@code actionport init} writes: the files under {@code templates/bundle/} with
 * their {@code {{placeholders}}} filled in from the integration's name and the versions this build
 * used ({@code versions.properties}, filled in by the build), so the project builds offline after it.
 */
final class ProjectTemplate {

    private static final String ROOT = "/templates/bundle/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z0-9.-]+)}}");

    /** Each template and where it goes in the project; {@code {{packagePath}}} is the package's folders. */
    private static final List<Map.Entry<String, String>> FILES = List.of(
            Map.entry("pom.xml.template", "pom.xml"),
            Map.entry("README.md.template", "README.md"),
            Map.entry("gitignore.template", ".gitignore"),
            Map.entry("GetItem.java.template", "src/main/java/{{packagePath}}/GetItem.java"),
            Map.entry("services.template", "src/main/resources/META-INF/services/io.actionport.sdk.Action"),
            Map.entry("GetItemTest.java.template", "src/test/java/{{packagePath}}/GetItemTest.java"),
            Map.entry("get-item.json.template", "src/test/resources/fixtures/get-item.json"));

    private final Map<String, String> values;

    private ProjectTemplate(Map<String, String> values) {
        this.values = values;
    }

    /** The template for a project of {@code integration}'s actions, a valid action-name word (see {@link InitCommand}). */
    static ProjectTemplate forIntegration(String integration) {
        var values = new LinkedHashMap<String, String>();
        versions().forEach((key, value) -> values.put((String) key, (String) value));
        var packageName = packageName(integration);
        values.put("integration", integration);
        values.put("artifactId", integration + "-actions");
        values.put("package", packageName);
        values.put("packagePath", packageName.replace('.', '/'));
        return new ProjectTemplate(values);
    }

    /** The Actionport version whose SDK the project depends on. */
    String actionportVersion() {
        return values.get("actionport.version");
    }

    String artifactId() {
        return values.get("artifactId");
    }

    /** Writes every file of the project under {@code directory}; returns their paths, relative to it. */
    List<Path> writeTo(Path directory) {
        return FILES.stream()
                .map(file -> {
                    var relative = Path.of(fill(file.getValue()));
                    var target = directory.resolve(relative);
                    try {
                        Files.createDirectories(target.getParent());
                        Files.writeString(target, fill(read(file.getKey())), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write " + target, e);
                    }
                    return relative;
                })
                .toList();
    }

    private String fill(String text) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        return placeholder.replaceAll(match -> {
            var value = values.get(match.group(1));
            if (value == null) {
                throw new IllegalStateException("template placeholder " + match.group() + " has no value");
            }
            return Matcher.quoteReplacement(value);
        });
    }

    /** {@code com.example.<integration without - and _>}, or with a prefix when that is no Java name. */
    static String packageName(String integration) {
        var word = integration.replaceAll("[^a-z0-9]", "");
        var name = "com.example." + word;
        return SourceVersion.isName(name) ? name : "com.example.integration" + word;
    }

    private static Properties versions() {
        var properties = new Properties();
        try (InputStream in = open("versions.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the project template's versions", e);
        }
        return properties;
    }

    private static String read(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the project template " + name, e);
        }
    }

    private static InputStream open(String name) {
        var in = ProjectTemplate.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IllegalStateException("the project template " + ROOT + name + " is missing from this build");
        }
        return in;
    }
}
