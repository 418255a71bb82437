package io.actionport.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;

/**
 * An admin upload (a bundle jar, a dry-run body) written to a temporary file as it arrives, under
 * a size cap: memory holds a few chunks at a time however large the upload, a body over the cap
 * is refused with 413 as soon as it crosses it, and the file is deleted on {@link #close()}.
 */
final class SpooledUpload implements AutoCloseable {

    /** Chunks buffered between the socket and the file; the rest waits in the socket. */
    private static final int WINDOW_CHUNKS = 8;

    private final Path file;
    private final OutputStream out;
    private final long limit;
    private final String remedy;
    private long size;

    private SpooledUpload(Path file, long limit, String remedy) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file);
        this.limit = limit;
        this.remedy = remedy;
    }

    /**
     * Spools the request body; the Mono fails with a 413 error past {@code limit} bytes, deleting
     * what was written. Close the upload when done with it.
     *
     * @param remedy what the caller should do instead when the body is too large
     */
    static Mono<SpooledUpload> receive(HttpServerRequest request, long limit, String remedy) {
        var declared = request.requestHeaders().getInt("Content-Length", -1);
        if (declared > limit) {
            return Mono.error(new RequestBodies.BodyTooLargeException(declared, limit, remedy));
        }
        return Mono.fromCallable(
                        () -> new SpooledUpload(Files.createTempFile("actionport-upload-", ".tmp"), limit, remedy))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(upload -> request.receive()
                        .asByteArray()
                        .publishOn(Schedulers.boundedElastic(), WINDOW_CHUNKS)
                        .doOnNext(upload::write)
                        .then(Mono.fromCallable(upload::finish))
                        .doOnError(error -> upload.close())
                        .doOnCancel(upload::close));
    }

    /** The file, complete once the Mono of {@link #receive} emitted. */
    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    /** The whole upload in memory; call it for what must be held at once, and one upload at a time. */
    byte[] bytes() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled upload", e);
        }
    }

    private void write(byte[] chunk) {
        if (size + chunk.length > limit) {
            throw new RequestBodies.BodyTooLargeException(size + chunk.length, limit, remedy);
        }
        try {
            out.write(chunk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the upload to " + file.getFileName(), e);
        }
        size += chunk.length;
    }

    private SpooledUpload finish() throws IOException {
        out.close();
        return this;
    }

    /** Deletes the file. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // The file goes anyway.
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the spooled upload " + file, e);
        }
    }
}
