package io.actionport.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * Who holds the embedded store of a data directory, and how a local {@code actionport mcp} reaches
 * it: {@value #FILE_NAME}, readable by the owner only, written once the process serves and deleted
 * when it stops. A file whose process is gone is stale and ignored.
 *
 * @param holder the command that holds the store, {@code serve} or {@code mcp}
 * @param pid its process id
 * @param port its HTTP port on loopback
 * @param token the local token it accepts from loopback on {@code /mcp}
 */
public record RunFile(String holder, long pid, int port, String token) {

    public static final String FILE_NAME = "run.json";

    public RunFile {
        if (holder == null || holder.isBlank() || pid <= 0 || port <= 0 || token == null || token.isBlank()) {
            throw new IllegalArgumentException("a run file needs a holder, a pid, a port and a token");
        }
    }

    /** Publishes this process as the holder of the store in {@code dataDir}. */
    public void write(Path dataDir) {
        var file = dataDir.resolve(FILE_NAME);
        try {
            OwnerOnlyFiles.write(file, Json.MAPPER.writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run file " + file, e);
        }
    }

    /** Removes the run file if it is still this process's. */
    public void delete(Path dataDir) {
        var file = dataDir.resolve(FILE_NAME);
        if (read(dataDir).filter(current -> current.pid() == pid).isPresent()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Stale once this process is gone; the next holder overwrites it.
            }
        }
    }

    /** The holder of the store in {@code dataDir}, if its process is alive and its port answers. */
    public static Optional<RunFile> live(Path dataDir) {
        return read(dataDir)
                .filter(file ->
                        ProcessHandle.of(file.pid()).map(ProcessHandle::isAlive).orElse(false))
                .filter(RunFile::answers);
    }

    private boolean answers() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The base URL of the holder's HTTP API on loopback. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Why the store cannot be opened while this process holds it, and what to do. */
    public String inUseMessage(Path dataDir) {
        return "the data directory " + dataDir + " is in use by `actionport " + holder + "` (pid " + pid + "); stop it"
                + " or use another --data-dir";
    }

    private static Optional<RunFile> read(Path dataDir) {
        var file = dataDir.resolve(FILE_NAME);
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readString(file), RunFile.class));
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
