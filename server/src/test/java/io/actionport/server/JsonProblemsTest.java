package io.actionport.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.actionport.server.store.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/** A body that is not JSON is described by what is wrong and where, never by the parser's view of its source. */
class JsonProblemsTest {

    @Test
    void an_object_left_open_is_described_without_the_source_mention() {
        var failure = catchThrowableOfType(
                JacksonException.class,
                () -> Json.REQUESTS.readTree("{\"action_name\":\"echo\",\n\"input\":{\"message\":\"hi\"}"));

        assertThat(failure.getOriginalMessage()).contains("[Source:");
        assertThat(JsonProblems.describe(failure))
                .contains("expected close marker for Object")
                .doesNotContain("Source")
                .doesNotContain("start marker")
                .endsWith("(line 2, column 25)");
    }

    @Test
    void a_stray_token_is_described_with_where_it_stands() {
        var failure = catchThrowableOfType(JacksonException.class, () -> Json.REQUESTS.readTree("{\"a\": nope}"));

        assertThat(JsonProblems.describe(failure))
                .startsWith("Unrecognized token 'nope'")
                .doesNotContain("Source")
                .contains("(line 1, column");
    }
}
