package io.actionport.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActionDescriptorTest {

    record In(String name) {}

    record Out(String name) {}

    private static ActionDescriptor.Builder<In, Out> builder() {
        return ActionDescriptor.builder("demo", "export", In.class, Out.class).description("Exports.");
    }

    @Test
    void a_background_action_may_ask_before_running_and_require_tasks() {
        var descriptor = builder()
                .mode(ExecutionMode.ASYNC)
                .askBeforeRunning(input -> Ask.form("Export " + input.name() + "?", Out.class))
                .requireTasks()
                .build();

        assertThat(descriptor.tasksRequired()).isTrue();
        assertThat(descriptor.firstQuestion().apply(new In("x"))).isEqualTo(Ask.form("Export x?", Out.class));
    }

    @Test
    void a_sync_action_that_asks_before_running_or_requires_tasks_is_refused_with_the_fix() {
        assertThatThrownBy(
                        () -> builder().askBeforeRunning(input -> Ask.roots()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("demo/export")
                .hasMessageContaining("mode ASYNC or ASYNC_WHEN_SLOW");
        assertThatThrownBy(() -> builder().requireTasks().build()).hasMessageContaining("only a background action");
    }

    @Test
    void by_default_nothing_is_asked_first_and_no_tasks_are_required() {
        var descriptor = builder().build();

        assertThat(descriptor.firstQuestion()).isNull();
        assertThat(descriptor.tasksRequired()).isFalse();
    }
}
