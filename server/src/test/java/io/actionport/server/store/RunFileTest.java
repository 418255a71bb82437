package io.actionport.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFileTest {

    @TempDir
    Path dataDir;

    @Test
    void a_live_holder_is_found_and_its_file_is_its_owners_only() throws Exception {
        try (var port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var file = new RunFile("serve", ProcessHandle.current().pid(), port.getLocalPort(), "token");
            file.write(dataDir);

            assertThat(RunFile.live(dataDir)).contains(file);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(RunFile.FILE_NAME))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void a_holder_whose_port_does_not_answer_is_stale() throws Exception {
        int closedPort;
        try (var port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = port.getLocalPort();
        }
        new RunFile("serve", ProcessHandle.current().pid(), closedPort, "token").write(dataDir);

        assertThat(RunFile.live(dataDir)).isEmpty();
    }

    @Test
    void a_holder_whose_process_is_gone_is_stale() throws Exception {
        var gone = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true)
                .start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        try (var port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            new RunFile("serve", gone.pid(), port.getLocalPort(), "token").write(dataDir);

            assertThat(RunFile.live(dataDir)).isEmpty();
        }
    }

    @Test
    void a_holder_removes_only_its_own_file() throws Exception {
        try (var port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var mine = new RunFile("serve", ProcessHandle.current().pid(), port.getLocalPort(), "token");
            mine.write(dataDir);

            new RunFile("mcp", ProcessHandle.current().pid() + 1, port.getLocalPort(), "other").delete(dataDir);
            assertThat(RunFile.live(dataDir)).contains(mine);

            mine.delete(dataDir);
            assertThat(dataDir.resolve(RunFile.FILE_NAME)).doesNotExist();
        }
    }
}
