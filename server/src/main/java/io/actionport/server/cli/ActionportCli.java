package io.actionport.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code actionport} command: serve, speak MCP over stdio, and manage a running server. */
@Command(
        name = "actionport",
        mixinStandardHelpOptions = true,
        version = io.actionport.server.Actionport.VERSION,
        description = "Runs integration actions as MCP tools, HTTP endpoints and in-process calls.",
        subcommands = {
            ServeCommand.class,
            McpStdioCommand.class,
            ActionsCommand.class,
            IntegrationsCommand.class,
            ConnectionsCommand.class,
            DeployCommand.class,
            RollbackCommand.class,
            DryrunCommand.class,
            LogsCommand.class,
            ExecutionsCommand.class,
            WebhookCommand.class,
            EnvironmentsCommand.class,
            KeysCommand.class
        })
public final class ActionportCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the error handling every subcommand shares: a message, never a stack trace. */
    public static CommandLine commandLine() {
        var commandLine = new CommandLine(new ActionportCli());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(CommandErrors.line(e));
            return 1;
        });
        return commandLine;
    }
}
