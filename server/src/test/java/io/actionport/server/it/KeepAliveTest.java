package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients keep their connection open between requests (every HTTP client library does): each request
 * on it is answered, however the one before it was answered.
 */
class KeepAliveTest {

    @TempDir
    static Path dataDir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * A request answered from another thread, then one the event loop answers at once, then any: with
     * Reactor Netty 1.3.7 about one connection in eight stopped reading there, and the third request
     * waited forever (reactor/reactor-netty#4361).
     */
    @Test
    void a_request_after_one_answered_at_once_is_read_and_answered() throws Exception {
        for (int round = 0; round < 50; round++) {
            try (var connection = new KeptAliveConnection(server.baseUrl())) {
                assertThat(connection.get("/executions/exec-" + round))
                        .as("round %d", round)
                        .isEqualTo(404);
                assertThat(connection.get("/no/such/route"))
                        .as("round %d", round)
                        .isEqualTo(404);
                assertThat(connection.get("/health")).as("round %d", round).isEqualTo(200);
            }
        }
    }

    /** One HTTP/1.1 connection, kept open, sending one request at a time and reading its answer. */
    private static final class KeptAliveConnection implements AutoCloseable {

        private final Socket socket = new Socket();
        private final URI baseUrl;
        private final OutputStream out;
        private final InputStream in;

        KeptAliveConnection(URI baseUrl) throws IOException {
            this.baseUrl = baseUrl;
            socket.connect(new InetSocketAddress(baseUrl.getHost(), baseUrl.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        /** The status of the answer to a GET; its body is read and dropped. */
        int get(String path) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + baseUrl.getAuthority() + "\r\nAuthorization: Bearer "
                            + TestServer.DEV_ADMIN_KEY + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head;
            try {
                head = readHead();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer to GET " + path + " within 10 s on a kept-alive connection", e);
            }
            int length = 0;
            for (var line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            assertThat(in.readNBytes(length)).as("the body of %s", path).hasSize(length);
            return Integer.parseInt(head.substring(9, 12));
        }

        /** The status line and headers, up to the empty line; a read timeout if no answer comes. */
        private String readHead() throws IOException {
            var head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int next = in.read();
                if (next < 0) {
                    throw new IOException("the server closed the connection; read so far: " + head);
                }
                head.write(next);
                matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : (next == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
