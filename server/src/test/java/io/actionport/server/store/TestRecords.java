package io.actionport.server.store;

import java.time.Instant;

/** Execution records for store tests: one that succeeded, everything but what a test varies fixed. */
final class TestRecords {

    static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    private TestRecords() {}

    /** A succeeded run of github/create-issue on connection main. */
    static ExecutionRecord succeeded(String id, String environment, String keyId) {
        return new ExecutionRecord(
                id,
                environment,
                "github",
                "create-issue",
                "1",
                "main",
                "http",
                ExecutionStatus.SUCCEEDED,
                1,
                1,
                "{}",
                "{}",
                null,
                null,
                null,
                AT,
                AT,
                AT,
                keyId,
                null,
                null);
    }
}
