package io.actionport.server.runner;

import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per failed execution, on the logger {@code io.actionport.executions}: its id,
 * action, environment and error code, as text and as key-value fields for JSON logs. Never its
 * input, output or error message, which may quote what a provider or a user sent; the execution
 * record holds those for whoever may read it.
 */
final class FailureLog {

    private static final Logger log = LoggerFactory.getLogger("io.actionport.executions");

    private FailureLog() {}

    /** Logs {@code finished} if it failed. */
    static void failed(ExecutionRecord finished, boolean async) {
        if (finished.status() == ExecutionStatus.FAILED) {
            failed(finished.environment(), finished.id(), finished.qualifiedAction(), finished.errorCode(), async);
        }
    }

    static void failed(String environment, String executionId, String action, String errorCode, boolean async) {
        log.atWarn()
                .addKeyValue("execution_id", executionId)
                .addKeyValue("action", action)
                .addKeyValue("environment", environment)
                .addKeyValue("error_code", errorCode)
                .addKeyValue("mode", async ? "async" : "sync")
                .log("execution {} of {} in {} failed: {}", executionId, action, environment, errorCode);
    }
}
