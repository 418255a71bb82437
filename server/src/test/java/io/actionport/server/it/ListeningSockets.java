package io.actionport.server.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The TCP ports a process listens on, read from Linux's /proc: its socket inodes in listening state. */
final class ListeningSockets {

    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/fd")) && Files.exists(Path.of("/proc/self/net/tcp"));
    }

    /** The local ports of every listening TCP socket (IPv4 and IPv6) that process {@code pid} holds. */
    static Set<Integer> of(long pid) throws IOException {
        var inodes = new HashSet<String>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (var fd : (Iterable<Path>) fds::iterator) {
                try {
                    var matcher = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (matcher.matches()) {
                        inodes.add(matcher.group(1));
                    }
                } catch (IOException e) {
                    // Closed while we listed.
                }
            }
        }
        var ports = new TreeSet<Integer>();
        for (var table : new String[] {"tcp", "tcp6"}) {
            var file = Path.of("/proc", Long.toString(pid), "net", table);
            if (Files.notExists(file)) {
                continue;
            }
            for (var line :
                    Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var columns = line.trim().split("\\s+");
                if (columns[3].equals(LISTEN) && inodes.contains(columns[9])) {
                    ports.add(Integer.parseInt(columns[1].substring(columns[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
