package io.actionport.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A wrong command line: {@code error: usage: <what is wrong>}, picocli's suggestions for a
 * mistyped option or command, and the {@code --help} to read; exit code 2.
 */
final class UsageErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        var err = command.getErr();
        err.println("error: usage: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for its usage.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
