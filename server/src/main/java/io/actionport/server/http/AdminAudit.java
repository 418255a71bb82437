package io.actionport.server.http;

import io.actionport.server.auth.Principal;
import io.actionport.server.runner.Caller;
import io.actionport.server.store.AuditStore;

/**
 * Records in the audit log an admin operation done through the HTTP API (the CLI's management
 * commands come this way too): who, which operation, and the name of what changed, never a secret.
 */
final class AdminAudit {

    private final AuditStore store;

    AdminAudit(AuditStore store) {
        this.store = store;
    }

    /** Called once the operation is done, before it is answered; blocking. */
    void done(Principal principal, String operation, String target) {
        store.recordOperation(principal.environment(), principal.keyId(), Caller.HTTP.wireName(), operation, target);
    }
}
