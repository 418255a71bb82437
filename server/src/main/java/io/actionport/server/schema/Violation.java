package io.actionport.server.schema;

import java.util.Objects;

/**
 * One way a JSON document breaks its schema.
 *
 * @param pointer where, as a JSON pointer into the document ({@code ""} is the whole document)
 * @param keyword the schema keyword that failed, e.g. {@code required} or {@code type}
 * @param message why, in words a model can act on
 */
public record Violation(String pointer, String keyword, String message) {

    public Violation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
    }
}
