package io.actionport.sdk;

/** How a caller receives an action's result. */
public enum ExecutionMode {
    /** The caller waits for the result. */
    SYNC("sync"),
    /** The caller waits up to a sync budget, then gets a handle to poll. */
    ASYNC_WHEN_SLOW("async-when-slow"),
    /** The caller always gets a handle at once. */
    ASYNC("async");

    private final String wireName;

    ExecutionMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON and on the command line. */
    public String wireName() {
        return wireName;
    }
}
