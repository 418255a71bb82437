package io.actionport.server.cli;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches what a bundle project's build reads, everything under {@code src/} and {@code pom.xml},
 * and reports a change once the files have been quiet for a moment, so that an editor saving
 * several files (or one file twice) causes one build. Build output ({@code target/}), hidden files
 * and editors' backups ({@code .Foo.java.swp}, {@code Foo.java~}) are not changes.
 */
final class ProjectWatcher implements AutoCloseable {

    static final Duration QUIET = Duration.ofMillis(300);

    private final Path project;
    private final WatchService watcher;
    private final Map<WatchKey, Path> folders = new HashMap<>();

    private ProjectWatcher(Path project, WatchService watcher) {
        this.project = project;
        this.watcher = watcher;
    }

    /** Starts watching {@code project}; changes from now on are reported by {@link #awaitChange()}. */
    static ProjectWatcher watch(Path project) {
        try {
            var watcher = new ProjectWatcher(project, project.getFileSystem().newWatchService());
            watcher.register(project);
            watcher.registerTree(project.resolve("src"));
            return watcher;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + project + " for changes", e);
        }
    }

    /**
     * Waits for a change, then until nothing changed for {@link #QUIET}; returns the changed paths,
     * relative to the project.
     */
    Set<Path> awaitChange() throws InterruptedException {
        var changed = new TreeSet<Path>();
        while (changed.isEmpty()) {
            collect(watcher.take(), changed);
        }
        for (var key = watcher.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS);
                key != null;
                key = watcher.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) {
            collect(key, changed);
        }
        return changed;
    }

    private void collect(WatchKey key, Set<Path> changed) {
        var folder = folders.get(key);
        for (var event : key.pollEvents()) {
            if (folder == null) {
                continue;
            }
            if (event.kind() == OVERFLOW) {
                changed.add(project.relativize(folder));
                continue;
            }
            var path = folder.resolve((Path) event.context());
            if (!counts(path)) {
                continue;
            }
            changed.add(project.relativize(path));
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(path)) {
                registerTree(path);
            }
        }
        if (!key.reset()) {
            folders.remove(key);
        }
    }

    /** Whether a change of {@code path} can change the build's result. */
    private boolean counts(Path path) {
        var name = path.getFileName().toString();
        if (name.startsWith(".") || name.endsWith("~")) {
            return false;
        }
        var relative = project.relativize(path);
        return relative.equals(Path.of("pom.xml")) || relative.startsWith("src");
    }

    private void registerTree(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (var folder : tree.filter(Files::isDirectory).toList()) {
                register(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + root + " for changes", e);
        }
    }

    private void register(Path folder) throws IOException {
        folders.put(folder.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), folder);
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // Closing releases the watches; nothing is left to do when it fails.
        }
    }
}
