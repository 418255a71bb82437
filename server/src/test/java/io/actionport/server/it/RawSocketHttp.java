package io.actionport.server.it;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket, byte for byte, for requests that client libraries refuse to send. */
final class RawSocketHttp {

    private RawSocketHttp() {}

    record Answer(int status, String body) {
        static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), response.body());
        }
    }

    static Answer send(URI baseUrl, HttpCase request) throws Exception {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(baseUrl.getHost(), baseUrl.getPort()), 5_000);
            socket.setSoTimeout(20_000);
            var head = new StringBuilder()
                    .append(request.method)
                    .append(' ')
                    .append(request.path)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(baseUrl.getAuthority())
                    .append("\r\nConnection: close\r\nContent-Length: ")
                    .append(request.body.length)
                    .append("\r\n");
            request.headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            // One write: a body sent apart could reach a server that already answered and closed,
            // and the reset it causes can discard the answer before it is read.
            var message = new ByteArrayOutputStream();
            message.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            message.writeBytes(request.body);
            var out = socket.getOutputStream();
            out.write(message.toByteArray());
            out.flush();
            var all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            var text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n");
            return new Answer(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
        }
    }
}
