package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What every answer to bad input must not contain: traces, exception names or database internals. */
final class BadInput {

    /** Text that only a stack trace, an exception's name or a database message would put in an answer. */
    static final List<String> LEAKS = List.of("Exception", "at io.", "\tat ", "SQL", "org.h2", "jdbc", "JDBC");

    private BadInput() {}

    static void assertNoLeak(String answer) {
        for (var leak : LEAKS) {
            assertThat(answer)
                    .as("the answer must not reveal internals (%s)", leak)
                    .doesNotContain(leak);
        }
    }

    /** A string of {@code length} copies of {@code c}. */
    static String repeat(char c, int length) {
        return String.valueOf(c).repeat(length);
    }
}
