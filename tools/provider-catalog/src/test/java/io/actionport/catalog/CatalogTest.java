package io.actionport.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.sdk.Action;
import io.actionport.sdk.ExecutionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundle as the server loads it: every action listed, each described the way the catalog promises. */
class CatalogTest {

    static final Path CLASSES = Path.of("target/classes");

    static Stream<Action<?, ?>> listed() {
        return ServiceLoader.load(Action.class).stream().map(provider -> (Action<?, ?>) provider.get());
    }

    @Test
    void every_action_class_of_the_bundle_is_listed_for_the_service_loader() throws IOException {
        try (var files = Files.walk(CLASSES)) {
            var actionClasses = files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> CLASSES.relativize(file)
                            .toString()
                            .replace('/', '.')
                            .replace(".class", ""))
                    .filter(name -> !name.contains("$"))
                    .filter(CatalogTest::isAction)
                    .toList();

            assertThat(listed().map(action -> action.getClass().getName()))
                    .containsExactlyInAnyOrderElementsOf(actionClasses);
        }
    }

    @Test
    void the_actions_belong_to_the_github_slack_and_linear_integrations() {
        assertThat(listed().map(action -> action.descriptor().integration()).distinct())
                .containsExactlyInAnyOrder("github", "slack", "linear");
    }

    @Test
    void every_write_tells_the_model_whether_calling_it_twice_is_safe() {
        listed().map(Action::descriptor)
                .filter(descriptor -> !descriptor.hints().readOnly())
                .forEach(descriptor -> assertThat(descriptor.description())
                        .as(descriptor.qualifiedName())
                        .containsIgnoringCase(descriptor.hints().idempotent() ? "idempotent" : "not idempotent"));
    }

    @Test
    void background_writes_are_idempotent_so_the_queue_may_run_them_again() {
        listed().map(Action::descriptor)
                .filter(descriptor -> descriptor.mode() == ExecutionMode.ASYNC)
                .forEach(descriptor -> assertThat(descriptor.hints().idempotent())
                        .as(descriptor.qualifiedName())
                        .isTrue());
    }

    private static boolean isAction(String className) {
        try {
            var type = Class.forName(className);
            return Action.class.isAssignableFrom(type) && !type.isInterface();
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
