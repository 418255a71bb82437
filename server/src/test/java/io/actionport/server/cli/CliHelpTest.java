package io.actionport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command explains itself: {@code --help} anywhere, {@code help <command>}, and a completion script. */
class CliHelpTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = ActionportCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The path of words to every command and subcommand, e.g. {@code [keys, create]}. */
    static Stream<List<String>> everyCommand() {
        var paths = new ArrayList<List<String>>();
        walk(ActionportCli.commandLine(), List.of(), paths);
        return paths.stream();
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) { // aliases would repeat a command
                var next = new ArrayList<>(path);
                next.add(name);
                walk(sub, List.copyOf(next), paths);
            }
        });
    }

    @ParameterizedTest(name = "actionport {0} --help")
    @MethodSource("everyCommand")
    void help_option_prints_usage_and_exits_zero_on_every_command(List<String> path) {
        var args = new ArrayList<>(path);
        args.add("--help");

        var run = run(args.toArray(String[]::new));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("Usage: actionport" + (path.isEmpty() ? "" : " " + String.join(" ", path)) + " ")
                .contains("-h, --help");
    }

    @Test
    void the_tree_has_every_command_a_user_meets() {
        assertThat(everyCommand().map(path -> String.join(" ", path)))
                .contains("serve", "deploy", "undeploy", "dryrun", "keys create", "help", "completion")
                .hasSizeGreaterThan(30);
    }

    @Test
    void deploy_help_needs_none_of_deploys_required_parameters() {
        var run = run("deploy", "-h");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Deploy a bundle to an environment");
    }

    @Test
    void help_command_prints_a_commands_usage() {
        var run = run("help", "serve");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("Usage: actionport serve").contains("--shutdown-grace");
    }

    @Test
    void help_of_a_command_group_lists_its_subcommands() {
        var run = run("help", "keys");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("Usage: actionport keys").contains("create", "rotate", "revoke");
    }

    @Test
    void completion_prints_a_bash_script_naming_the_commands() {
        var run = run("completion");

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_actionport")
                .contains("undeploy")
                .contains("--shutdown-grace");
    }

    @Test
    void an_unknown_option_is_a_usage_error_with_exit_code_two() {
        var run = run("serve", "--no-such-flag");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("error: usage: Unknown option: '--no-such-flag'")
                .endsWith("Try 'actionport serve --help' for its usage.\n");
    }

    @Test
    void a_missing_parameter_names_it_and_points_at_the_commands_help() {
        var run = run("undeploy", "my-actions");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("error: usage: Missing required parameter: '<environment>'\n"
                        + "Try 'actionport undeploy --help' for its usage.\n");
    }
}
