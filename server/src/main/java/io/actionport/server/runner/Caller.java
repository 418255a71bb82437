package io.actionport.server.runner;

import java.util.Locale;

/** Which door an execution came through. */
public enum Caller {
    MCP,
    HTTP,
    CLI,
    JOB;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
