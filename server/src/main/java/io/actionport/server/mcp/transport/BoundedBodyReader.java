package io.actionport.server.mcp.transport;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/** Reads a request body as UTF-8 text, refusing bodies larger than a limit without buffering them. */
final class BoundedBodyReader {

    private final int maxBytes;

    BoundedBodyReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    Mono<String> read(HttpServerRequest request) {
        // A declared length over the limit is refused before a single byte is read.
        if (declaredLength(request) > maxBytes) {
            return Mono.error(tooLarge());
        }
        // Chunked bodies declare nothing, so the count is kept while reading; the first chunk over
        // the limit fails the read and cancels the rest.
        return request.receive()
                .asByteArray()
                .reduceWith(ByteArrayOutputStream::new, (body, chunk) -> {
                    if (body.size() + (long) chunk.length > maxBytes) {
                        throw tooLarge();
                    }
                    body.writeBytes(chunk);
                    return body;
                })
                .map(body -> body.toString(StandardCharsets.UTF_8))
                .defaultIfEmpty("");
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // Netty's decoder has already refused malformed lengths; nothing to trust here.
        }
    }

    private TransportRejection tooLarge() {
        return TransportRejection.of(413, "Payload Too Large: the request body exceeds " + maxBytes + " bytes");
    }
}
