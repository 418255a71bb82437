package io.actionport.server.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One bad HTTP request and the exact refusal it must get: status, error code, and a phrase of the message. */
final class HttpCase {

    final String name;
    final String method;
    final String path;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = new byte[0];
    int status;
    String code;
    String mentions;
    String pointer;
    boolean raw;

    private HttpCase(String name, String method, String path) {
        this.name = name;
        this.method = method;
        this.path = path;
        headers.put("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY);
        headers.put("Content-Type", "application/json");
    }

    static HttpCase of(String name, String method, String path) {
        return new HttpCase(name, method, path);
    }

    /** A trigger of demo/echo with its connection, for one aspect to spoil. */
    static HttpCase trigger(String name, String body) {
        return of(name, "POST", "/action/trigger")
                .header("Provider-Config-Key", "demo")
                .header("Connection-Id", "demo")
                .body(body);
    }

    HttpCase header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    HttpCase body(String json) {
        this.body = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    HttpCase body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    /** The refusal: the status, the error code (null when the answer has none), a phrase of the message. */
    HttpCase expect(int status, String code, String mentions) {
        this.status = status;
        this.code = code;
        this.mentions = mentions;
        return this;
    }

    /** The JSON pointer the first schema violation must name. */
    HttpCase pointer(String pointer) {
        this.pointer = pointer;
        return this;
    }

    /** The header sent twice, {@code first} then {@code second} (over a plain socket: an HTTP client would join them). */
    HttpCase headerTwice(String name, String first, String second) {
        return header(name, first + "\r\n" + name + ": " + second).raw();
    }

    /** Sent over a plain socket, byte for byte: for paths an HTTP client library would refuse to send. */
    HttpCase raw() {
        this.raw = true;
        return this;
    }

    HttpRequest request(URI baseUrl) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return builder.build();
    }

    @Override
    public String toString() {
        return name;
    }
}
