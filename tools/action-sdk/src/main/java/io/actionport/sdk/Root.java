package io.actionport.sdk;

/**
 * A root the caller's client exposes (a directory or another URI it works in), from {@link
 * ActionContext#roots}.
 *
 * @param uri the root's URI, e.g. {@code file:///home/me/project}
 * @param name its name, or null
 */
public record Root(String uri, String name) {}
