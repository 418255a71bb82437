package io.actionport.server.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the server writes its log lines on stderr: {@code plain}, one dated line per event for a
 * terminal, or {@code json}, one JSON object per line for a log collector (logback's own encoder:
 * timestamp, level, thread, logger, message, key-value fields such as {@code execution_id}, and
 * the stack trace, if any, inside the same line).
 */
enum LogFormat {
    PLAIN,
    JSON;

    /** {@code serve --log-format} and {@code ACTIONPORT_LOG_FORMAT} take these names. */
    static LogFormat parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "plain" -> PLAIN;
            case "json" -> JSON;
            default ->
                throw new CommandFailure(
                        "invalid_option",
                        "--log-format (or ACTIONPORT_LOG_FORMAT) must be plain or json, was '" + name + "'");
        };
    }

    /** Puts this format on the console appender that logback.xml sets up; plain is what it has already. */
    void apply() {
        if (this == PLAIN || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        var encoder = new JsonEncoder();
        encoder.setContext(context);
        // The context's name, birth date and properties are the same on every line, and nothing sets an MDC.
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithMDC(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(appender -> {
            if (appender instanceof OutputStreamAppender<ILoggingEvent> stream) {
                stream.stop();
                stream.setEncoder(encoder);
                stream.start();
            }
        });
    }
}
