package io.actionport.server.runner;

/** Receives an execution's progress reports, e.g. to forward them as MCP progress notifications. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total, message) -> {};

    void onProgress(double done, Double total, String message);
}
