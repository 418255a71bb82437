package io.actionport.server.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Finds an action project's bundle: a built jar, or its compiled classes packed on the fly. */
final class BundleFiles {

    private BundleFiles() {}

    /** The bundle at {@code path} (a jar or a classes directory), or the project's in {@code target/}. */
    static byte[] read(Path path) {
        var source = path != null ? path : find(Path.of("target"));
        try {
            return Files.isDirectory(source) ? pack(source) : Files.readAllBytes(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundle " + source, e);
        }
    }

    /** The bundle of the project in {@code project}: its jar in {@code target/}, else its {@code target/classes}. */
    static byte[] ofProject(Path project) {
        return read(find(project.resolve("target")));
    }

    /** The project's bundle jar in {@code target/} (the newest, after a version change), else its {@code target/classes}. */
    private static Path find(Path target) {
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                var jar = files.filter(file -> file.toString().endsWith(".jar"))
                        .filter(BundleFiles::isBundle)
                        .max(Comparator.comparing(BundleFiles::modified));
                if (jar.isPresent()) {
                    return jar.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (Files.isDirectory(target.resolve("classes"))) {
                return target.resolve("classes");
            }
        }
        throw new CommandFailure(
                "no_bundle",
                "no bundle found in " + target.toAbsolutePath()
                        + ": build the project (mvn package) or pass the bundle jar or classes directory");
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static boolean isBundle(Path jar) {
        try (var file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Actionport-Bundle") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** A jar of a classes directory, named by {@link BundleIdentity}: its manifest, else its project's artifactId. */
    static byte[] pack(Path classes) throws IOException {
        var identity = BundleIdentity.of(classes);
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(BundleIdentity.NAME_ATTRIBUTE, identity.name());
        manifest.getMainAttributes().putValue(BundleIdentity.VERSION_ATTRIBUTE, identity.version());
        var bytes = new ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                var name = classes.relativize(file).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(name));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
