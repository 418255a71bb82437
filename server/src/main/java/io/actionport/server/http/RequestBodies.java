package io.actionport.server.http;

import io.actionport.server.ActionportException;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/** Reads request bodies up to a limit, refusing larger ones before buffering them. */
final class RequestBodies {

    private RequestBodies() {}

    static Mono<byte[]> read(HttpServerRequest request, long limit) {
        var declared = request.requestHeaders().getInt("Content-Length", -1);
        if (declared > limit) {
            return Mono.error(new BodyTooLargeException(declared, limit));
        }
        return request.receive()
                .reduceWith(ByteArrayOutputStream::new, (out, chunk) -> append(out, chunk, limit))
                .map(ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(new byte[0]);
    }

    private static ByteArrayOutputStream append(ByteArrayOutputStream out, ByteBuf chunk, long limit) {
        if (out.size() + chunk.readableBytes() > limit) {
            throw new BodyTooLargeException(out.size() + chunk.readableBytes(), limit);
        }
        var bytes = new byte[chunk.readableBytes()];
        chunk.readBytes(bytes);
        out.writeBytes(bytes);
        return out;
    }

    /** The body is over the door's size limit. */
    static final class BodyTooLargeException extends ActionportException {
        BodyTooLargeException(long size, long limit) {
            this(size, limit, "send a smaller input");
        }

        /** {@code remedy} tells the caller what to do instead. */
        BodyTooLargeException(long size, long limit, String remedy) {
            super(
                    "request_too_large",
                    "the request body is " + (size > 0 ? "at least " + size + " bytes, " : "") + "over the limit of "
                            + limit + " bytes; " + remedy);
        }
    }
}
