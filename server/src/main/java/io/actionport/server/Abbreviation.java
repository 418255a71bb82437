package io.actionport.server;

/** A value quoted back to whoever sent it, in an error message: its start, when it is long. */
public final class Abbreviation {

    private Abbreviation() {}

    /** {@code value} itself up to {@code max} characters, else its first {@code max} and "...". */
    public static String of(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "...";
    }
}
