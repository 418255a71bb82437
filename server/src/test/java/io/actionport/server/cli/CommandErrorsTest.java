package io.actionport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.ActionportException;
import org.junit.jupiter.api.Test;

/** The exit code of a failed command follows the code of the error the server sent. */
class CommandErrorsTest {

    @Test
    void a_body_the_server_refused_as_too_large_exits_as_refused() {
        var tooLarge = new ActionportException(
                "request_too_large", "bundles larger than this are refused (serve --max-upload-mb)");

        assertThat(CommandErrors.exitCode(tooLarge)).isEqualTo(4);
        assertThat(CommandErrors.line(tooLarge))
                .isEqualTo("error: request_too_large: bundles larger than this are refused (serve --max-upload-mb)");
    }

    @Test
    void unknown_things_exit_as_not_found_and_the_rest_as_failed() {
        assertThat(CommandErrors.exitCode(new ActionportException("unknown_execution", "no execution x")))
                .isEqualTo(3);
        assertThat(CommandErrors.exitCode(new ActionportException("store_error", "the database failed")))
                .isEqualTo(1);
    }
}
