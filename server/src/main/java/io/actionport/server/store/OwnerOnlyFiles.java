package io.actionport.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who may read the data directory: its owner only. Folders are {@code rwx------}, files
 * {@code rw-------}. On a file system without POSIX permissions the platform's defaults apply.
 */
public final class OwnerOnlyFiles {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    /**
     * Creates the data directory for its owner only, or tightens an existing looser one and says so
     * in the log; then tightens everything already in it (database files from an older version).
     */
    public static void secureDataDirectory(Path dataDir) {
        try {
            if (Files.notExists(dataDir)) {
                createDirectories(dataDir);
                return;
            }
            var view = Files.getFileAttributeView(dataDir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view != null) {
                var before = view.readAttributes().permissions();
                if (!before.equals(DIRECTORY)) {
                    Files.setPosixFilePermissions(dataDir, DIRECTORY);
                    log.info(
                            "Restricted the data directory {} to its owner: {} -> {}",
                            dataDir.toAbsolutePath(),
                            PosixFilePermissions.toString(before),
                            PosixFilePermissions.toString(DIRECTORY));
                }
            }
            tightenContents(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the data directory " + dataDir + " to its owner", e);
        }
    }

    /** Creates a directory and its missing parents inside the data directory, owner-only. */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        var parent = dir.toAbsolutePath().getParent();
        if (parent != null && Files.notExists(parent)) {
            Files.createDirectories(parent);
        }
        if (isPosix(parent == null ? dir : parent)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
            Files.createDirectory(dir);
        }
    }

    /** Writes a file that only its owner can read: written to a fresh owner-only file, then moved in place. */
    public static void write(Path file, String content) throws IOException {
        var dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        var partial = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        try {
            restrict(partial, FILE);
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Sets owner-only permissions on every folder and file under {@code root}, not following links. */
    public static void tightenContents(Path root) {
        if (!isPosix(root)) {
            return;
        }
        try {
            walk(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the files in " + root + " to their owner", e);
        }
    }

    private static void walk(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                restrict(dir, DIRECTORY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    restrict(file, FILE);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // A file the database removed while we walked: nothing left to restrict.
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        var view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            var attributes = view == null ? null : view.readAttributes();
            if (attributes != null
                    && !attributes.isSymbolicLink()
                    && !attributes.permissions().equals(permissions)) {
                // By path (chmod), not through the no-follow view: that one opens and closes the file,
                // and closing any descriptor of a file drops the process's POSIX locks on it, among
                // them the lock the database holds on its own file.
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // Removed by the database while we walked: nothing left to restrict.
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
