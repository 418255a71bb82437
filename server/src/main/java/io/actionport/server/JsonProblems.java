package io.actionport.server;

import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/** What is wrong with JSON a caller sent, told to the caller: every door words it the same way. */
public final class JsonProblems {

    /** Where Jackson names the source it read, which the sender never needs: "[Source: REDACTED ...]". */
    private static final Pattern SOURCE_MENTION =
            Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|\\s*\\[Source:[^\\]]*\\]");

    private JsonProblems() {}

    /** Jackson's message without its mention of the source, and where reading stopped, when known. */
    public static String describe(JacksonException failure) {
        var message = SOURCE_MENTION.matcher(failure.getOriginalMessage()).replaceAll("");
        var at = failure.getLocation();
        return at == null || at.getLineNr() < 1
                ? message
                : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
