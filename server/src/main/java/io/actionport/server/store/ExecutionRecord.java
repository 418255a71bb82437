package io.actionport.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The stored record of one execution.
 *
 * @param id the execution id
 * @param environment the environment it ran in
 * @param integration the action's integration
 * @param actionName the action's name
 * @param actionVersion the action's version
 * @param connectionId the connection it ran with
 * @param caller who asked: {@code mcp}, {@code http}, {@code cli} or {@code job}
 * @param status where it is
 * @param attempts attempts started so far
 * @param maxAttempts attempts allowed in all
 * @param input the input JSON
 * @param output the output JSON, when it succeeded
 * @param errorCode the error's code, when it failed
 * @param errorMessage the error's message, when it failed
 * @param errorDetails JSON details of the error (violations, provider status), or null
 * @param createdAt when it was accepted
 * @param startedAt when its first attempt started
 * @param finishedAt when it finished
 * @param keyId the public id of the key that started it, or null when no key did
 * @param argumentsSha256 the hex SHA-256 of its canonical input, what the audit log shows of it
 * @param endUser the end user it acted for, or null
 */
public record ExecutionRecord(
        String id,
        String environment,
        String integration,
        String actionName,
        String actionVersion,
        String connectionId,
        String caller,
        ExecutionStatus status,
        int attempts,
        int maxAttempts,
        String input,
        String output,
        String errorCode,
        String errorMessage,
        String errorDetails,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String keyId,
        String argumentsSha256,
        String endUser) {

    public ExecutionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    /** Its action as callers name it, {@code integration/name}. */
    public String qualifiedAction() {
        return integration + "/" + actionName;
    }

    /** This execution with its next attempt claimed at {@code at}: running, the attempt counted. */
    public ExecutionRecord claimed(Instant at) {
        return new ExecutionRecord(
                id,
                environment,
                integration,
                actionName,
                actionVersion,
                connectionId,
                caller,
                ExecutionStatus.RUNNING,
                attempts + 1,
                maxAttempts,
                input,
                output,
                errorCode,
                errorMessage,
                errorDetails,
                createdAt,
                startedAt == null ? at : startedAt,
                finishedAt,
                keyId,
                argumentsSha256,
                endUser);
    }
}
