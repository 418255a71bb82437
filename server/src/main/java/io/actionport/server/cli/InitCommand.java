package io.actionport.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Creates a bundle project: a pom on the SDK this server was built with, one example action with a
 * recorded fixture and an offline test, and a README that says how to build, test and deploy it.
 */
@Command(
        name = "init",
        description =
                "Create a bundle project with an example action and its offline test: init [dir] --integration NAME.")
final class InitCommand implements Callable<Integer> {

    /** The rule of integration names in {@code ActionDescriptor}. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    @Parameters(
            arity = "0..1",
            paramLabel = "dir",
            description = "Where to create the project, absent or empty (default: the current directory).")
    Path directory;

    @Option(
            names = "--integration",
            required = true,
            paramLabel = "NAME",
            description = "The integration of the example action, e.g. github: lowercase letters, digits, '-', '_'.")
    String integration;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!NAME.matcher(integration).matches()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--integration '" + integration + "' must match " + NAME.pattern()
                            + " (lowercase letters, digits, '-' and '_', at most 64), e.g. github");
        }
        var target =
                (directory == null ? Path.of("") : directory).toAbsolutePath().normalize();
        requireEmpty(target);
        var template = ProjectTemplate.forIntegration(integration);
        var files = template.writeTo(target);
        var out = spec.commandLine().getOut();
        out.println("created " + template.artifactId() + " in " + target + ":");
        files.forEach(file -> out.println("  " + file.toString().replace('\\', '/')));
        out.println("next:");
        if (directory != null) {
            out.println("  cd " + directory);
        }
        out.println(
                "  mvn test           # the example's test, no provider needed (add -o once Maven has its plugins)");
        out.println("  actionport dev     # build and deploy to dev on every change (ACTIONPORT_KEY: an admin key)");
        if (!sdkInstalled(template.actionportVersion())) {
            out.println("note: the Actionport SDK " + template.actionportVersion()
                    + " is not in ~/.m2/repository yet (or not with its parent pom); run './mvnw -q -DskipTests"
                    + " install' once in the Actionport checkout so the project builds");
        }
        out.flush();
        return 0;
    }

    /** Whether the default local Maven repository holds the SDK and its parent pom, which the project's build needs. */
    private static boolean sdkInstalled(String version) {
        var group = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "actionport");
        return Files.isRegularFile(group.resolve(
                        "actionport-action-sdk/" + version + "/actionport-action-sdk-" + version + ".jar"))
                && Files.isRegularFile(
                        group.resolve("actionport-parent/" + version + "/actionport-parent-" + version + ".pom"));
    }

    private void requireEmpty(Path target) {
        if (Files.isRegularFile(target)) {
            throw new ParameterException(
                    spec.commandLine(), target + " is a file; give a new or empty directory for the project");
        }
        if (!Files.isDirectory(target)) {
            return;
        }
        try (var entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new ParameterException(
                        spec.commandLine(),
                        target + " is not empty; give a new or empty directory for the project, e.g. init "
                                + integration + "-actions --integration " + integration);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the directory " + target, e);
        }
    }
}
