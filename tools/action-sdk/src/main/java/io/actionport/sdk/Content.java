package io.actionport.sdk;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Objects;

/**
 * A block of content an action returns beside its output, for MCP clients: text, an image, audio,
 * an embedded resource, or a link to a resource.
 *
 * <p>An action adds blocks with {@link ActionContext#addContent}; its output record stays what it
 * was, and so do its output schema and the stored output. When the call succeeds, an MCP client
 * receives the output as {@code structuredContent} and these blocks as the result's
 * {@code content}. Other doors (HTTP, jobs) and later reads of the execution return only the
 * output.
 *
 * <pre>{@code
 * context.addContent(Content.image(png, "image/png"), Content.text("Open issues per week"));
 * }</pre>
 *
 * <p>Binary data is held base64-encoded, as MCP sends it; it counts towards the 2 MB cap on an
 * action's output plus content at that size. {@code toString} gives sizes, never the data.
 */
public sealed interface Content {

    /** Plain text, e.g. a summary a model reads before the structured output. */
    static Content text(String text) {
        return new Text(text);
    }

    /** An image, e.g. {@code Content.image(png, "image/png")}. */
    static Content image(byte[] data, String mimeType) {
        return new Image(encode(data, "image"), mimeType);
    }

    /** Audio, e.g. {@code Content.audio(wav, "audio/wav")}. */
    static Content audio(byte[] data, String mimeType) {
        return new Audio(encode(data, "audio"), mimeType);
    }

    /** A resource embedded as text, e.g. a file's contents; {@code mimeType} may be null. */
    static Content resource(String uri, String mimeType, String text) {
        return new Resource(uri, mimeType, Objects.requireNonNull(text, "Content.resource: text"), null);
    }

    /** A resource embedded as bytes; {@code mimeType} may be null. */
    static Content resource(String uri, String mimeType, byte[] data) {
        return new Resource(uri, mimeType, null, encode(data, "resource"));
    }

    /** A link to a resource the client may fetch, e.g. a large file, instead of embedding it. */
    static Content link(String uri, String name) {
        return new Link(uri, name, null, null, null);
    }

    /** A link with a title, description and MIME type, each of which may be null. */
    static Content link(String uri, String name, String title, String description, String mimeType) {
        return new Link(uri, name, title, description, mimeType);
    }

    /** Plain text. */
    record Text(String text) implements Content {
        public Text {
            Objects.requireNonNull(text, "Content.text: text");
        }
    }

    /**
     * An image.
     *
     * @param base64 the image's bytes, base64-encoded
     * @param mimeType an {@code image/} type, e.g. {@code image/png}
     */
    record Image(String base64, String mimeType) implements Content {
        public Image {
            requireBase64(base64, "image");
            requireMimeType(mimeType, "image", "image/");
        }

        @Override
        public String toString() {
            return "Image[" + mimeType + ", " + base64.length() + " base64 chars]";
        }
    }

    /**
     * Audio.
     *
     * @param base64 the audio's bytes, base64-encoded
     * @param mimeType an {@code audio/} type, e.g. {@code audio/wav}
     */
    record Audio(String base64, String mimeType) implements Content {
        public Audio {
            requireBase64(base64, "audio");
            requireMimeType(mimeType, "audio", "audio/");
        }

        @Override
        public String toString() {
            return "Audio[" + mimeType + ", " + base64.length() + " base64 chars]";
        }
    }

    /**
     * A resource embedded in the result: its URI and either its text or its bytes.
     *
     * @param uri an absolute URI naming the resource
     * @param mimeType its MIME type, or null
     * @param text its text, or null when it has bytes
     * @param base64 its bytes, base64-encoded, or null when it has text
     */
    record Resource(String uri, String mimeType, String text, String base64) implements Content {
        public Resource {
            requireUri(uri, "resource");
            if (text == null && base64 == null) {
                throw new IllegalArgumentException("Content.resource " + uri + ": needs its text or its bytes");
            }
            if (text != null && base64 != null) {
                throw new IllegalArgumentException("Content.resource " + uri + ": has both text and bytes; give one");
            }
            if (base64 != null) {
                requireBase64(base64, "resource");
            }
            if (mimeType != null) {
                requireMimeType(mimeType, "resource", "");
            }
        }

        @Override
        public String toString() {
            return "Resource[" + uri + ", " + mimeType + ", "
                    + (text != null ? text.length() + " chars of text]" : base64.length() + " base64 chars]");
        }
    }

    /**
     * A link to a resource.
     *
     * @param uri an absolute URI of the resource
     * @param name its name, e.g. a file name
     * @param title a human title, or null
     * @param description what it is, or null
     * @param mimeType its MIME type, or null
     */
    record Link(String uri, String name, String title, String description, String mimeType) implements Content {
        public Link {
            requireUri(uri, "link");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Content.link " + uri + ": needs a name, e.g. the file name");
            }
            if (mimeType != null) {
                requireMimeType(mimeType, "link", "");
            }
        }
    }

    private static String encode(byte[] data, String kind) {
        Objects.requireNonNull(data, "Content." + kind + ": data");
        return Base64.getEncoder().encodeToString(data);
    }

    private static void requireBase64(String base64, String kind) {
        Objects.requireNonNull(base64, "Content." + kind + ": base64");
        try {
            Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Content." + kind + ": base64 is not valid base64: " + e.getMessage());
        }
    }

    private static void requireMimeType(String mimeType, String kind, String prefix) {
        if (mimeType == null
                || !mimeType.startsWith(prefix)
                || mimeType.indexOf('/') < 1
                || mimeType.endsWith("/")
                || mimeType.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("Content." + kind + ": mimeType must be a MIME type"
                    + (prefix.isEmpty() ? " such as text/csv" : " starting with " + prefix) + ", was "
                    + quoted(mimeType));
        }
    }

    private static void requireUri(String uri, String kind) {
        try {
            if (uri != null && new URI(uri).isAbsolute()) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("Content." + kind
                + ": uri must be an absolute URI such as https://example.com/report.csv, was " + quoted(uri));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
