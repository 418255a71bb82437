package io.actionport.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

/**
 * The {@code actionport} command: serve, speak MCP over stdio, and manage a running server.
 *
 * <p>Its {@code --help} and {@code --version} are inherited by every subcommand at any depth, so
 * {@code actionport deploy --help} prints usage instead of complaining about a missing parameter.
 * Exit codes: 0 done, 2 the command line itself is wrong ({@code error: usage: ...} and the
 * {@code --help} to read); a failure prints {@code error: <code>: <message>} and exits 3 when what it
 * names does not exist, 4 when the server refused it, 5 when no server answered, else 1.
 */
@Command(
        name = "actionport",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        version = io.actionport.server.Actionport.VERSION,
        description = "Runs integration actions as MCP tools, HTTP endpoints and in-process calls.",
        subcommands = {
            ServeCommand.class,
            McpStdioCommand.class,
            ActionsCommand.class,
            IntegrationsCommand.class,
            ConnectionsCommand.class,
            InitCommand.class,
            DevCommand.class,
            DeployCommand.class,
            UndeployCommand.class,
            RollbackCommand.class,
            DryrunCommand.class,
            LogsCommand.class,
            ExecutionsCommand.class,
            WebhookCommand.class,
            EnvironmentsCommand.class,
            KeysCommand.class,
            AuditCommand.class,
            HelpCommand.class,
            CompletionCommand.class
        })
public final class ActionportCli {

    public static void main(String[] args) {
        var commandLine = commandLine();
        try {
            commandLine.setDefaultValueProvider(ConfigFile.load(System.getenv()));
        } catch (CommandFailure e) {
            commandLine.getErr().println(CommandErrors.line(e));
            System.exit(CommandErrors.exitCode(e));
        }
        System.exit(commandLine.execute(args));
    }

    /** The command line with the error handling every subcommand shares: a message, never a stack trace. */
    public static CommandLine commandLine() {
        var commandLine = new CommandLine(new ActionportCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // "--input @file.json" is the option's own way to read a file: picocli must not first
        // replace "@file.json" by the file's words, as it does with argument files by default.
        commandLine.setExpandAtFiles(false);
        commandLine.setParameterExceptionHandler(new UsageErrors());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(CommandErrors.line(e));
            return CommandErrors.exitCode(e);
        });
        return commandLine;
    }
}
