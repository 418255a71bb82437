package io.actionport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dryrun --input @file.json} hands the option the file's name, which it reads as JSON;
 * picocli's argument files would have put the file's words on the command line instead.
 */
class InputFileOptionTest {

    @TempDir
    Path dir;

    @Test
    void an_input_file_reaches_the_option_as_its_name() throws Exception {
        var file = Files.writeString(dir.resolve("input.json"), "{ \"message\" : \"from file\" }");

        var parsed = ActionportCli.commandLine().parseArgs("dryrun", "echo", "demo", "--input", "@" + file);

        var dryrun = parsed.subcommand().commandSpec().commandLine().<DryrunCommand>getCommand();
        assertThat(dryrun.input).isEqualTo("@" + file);
        assertThat(dryrun.connectionId).isEqualTo("demo");
    }
}
