package io.actionport.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an environment's audit log: an execution, or an admin operation that changed the
 * environment. It names things and never holds a secret or an argument value.
 *
 * @param id the execution id, or the admin operation's id (both time-ordered, so they sort by time)
 * @param at when the execution was accepted or the operation done
 * @param environment the environment
 * @param actor the key id or {@code oauth:<sub>} of who asked, or null for the server's own jobs
 * @param door how it came: {@code mcp}, {@code http}, {@code cli} or {@code job}
 * @param action {@code integration/name} for an execution; the operation for the others, e.g. {@code key.revoke}
 * @param argumentsSha256 the hex SHA-256 of an execution's canonical arguments; null for operations
 * @param target what an operation changed (a bundle, key, connection id) or the connection an execution used
 * @param result an execution's status ({@code succeeded}, {@code failed}...), or {@code ok} for an operation
 * @param errorCode the error code of a failed execution, or null
 * @param executionId the execution's id, or null for an operation
 */
public record AuditEntry(
        String id,
        Instant at,
        String environment,
        String actor,
        String door,
        String action,
        String argumentsSha256,
        String target,
        String result,
        String errorCode,
        String executionId) {

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
    }
}
