package io.actionport.sdk;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Objects;

/**
 * A resource whose content ships with the bundle, e.g. a README for the integration.
 *
 * @param uri an absolute URI, unique in its environment, e.g. {@code github://readme}
 * @param name its name, e.g. a file name
 * @param title a human title, or null
 * @param description what it is, or null
 * @param mimeType its MIME type, e.g. {@code text/markdown}
 * @param text its text, or null when it has bytes
 * @param base64 its bytes, base64-encoded, or null when it has text
 */
public record StaticResource(
        String uri, String name, String title, String description, String mimeType, String text, String base64) {

    public StaticResource {
        try {
            if (uri == null || !new URI(uri).isAbsolute()) {
                throw new IllegalArgumentException(
                        "resource uri must be an absolute URI such as github://readme, was " + uri);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("resource uri '" + uri + "' is not a URI: " + e.getMessage());
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("resource " + uri + " needs a name");
        }
        Objects.requireNonNull(mimeType, "resource " + uri + ": mimeType");
        if ((text == null) == (base64 == null)) {
            throw new IllegalArgumentException("resource " + uri + " needs its text or its bytes, not both");
        }
    }

    /** A text resource. */
    public static StaticResource text(String uri, String name, String mimeType, String text) {
        return new StaticResource(uri, name, null, null, mimeType, Objects.requireNonNull(text, "text"), null);
    }

    /** A binary resource. */
    public static StaticResource bytes(String uri, String name, String mimeType, byte[] data) {
        return new StaticResource(
                uri, name, null, null, mimeType, null, Base64.getEncoder().encodeToString(data));
    }

    /** This resource with a title and a description. */
    public StaticResource titled(String title, String description) {
        return new StaticResource(uri, name, title, description, mimeType, text, base64);
    }
}
