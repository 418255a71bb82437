package io.actionport.server.registry;

import io.actionport.sdk.Action;
import io.actionport.sdk.PromptsAndResources;
import io.actionport.server.ActionportException;
import io.actionport.server.store.OwnerOnlyFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarInputStream;

/**
 * Loads a bundle jar in a class loader of its own, so bundles cannot see each other's classes, and
 * finds its actions with {@link ServiceLoader}.
 */
public final class BundleLoader {

    private final Path cacheDir;
    private final ClassLoader parent;

    /**
     * @param cacheDir where jars are written so a class loader can open them, named by hash
     * @param parent the loader that provides the SDK; bundles share its {@code Action} type
     */
    public BundleLoader(Path cacheDir, ClassLoader parent) {
        this.cacheDir = cacheDir;
        this.parent = parent;
    }

    /** The SHA-256 of a jar, hex. */
    public static String sha256(byte[] jar) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public Bundle load(byte[] jar) {
        var sha256 = sha256(jar);
        var manifest = readManifest(jar);
        var name = manifest.getValue("Actionport-Bundle");
        if (name == null || name.isBlank()) {
            throw new InvalidBundleException("the jar has no 'Actionport-Bundle' attribute in its manifest: "
                    + "set it to the bundle's name (maven-jar-plugin manifestEntries)");
        }
        var version = manifest.getValue("Actionport-Bundle-Version");
        var loader = new URLClassLoader("bundle-" + name, new URL[] {cache(sha256, jar)}, parent);
        var actions = ServiceLoader.load(Action.class, loader).stream()
                .filter(provider -> provider.type().getClassLoader() == loader)
                .<Action<?, ?>>map(ServiceLoader.Provider::get)
                .toList();
        if (actions.isEmpty()) {
            throw new InvalidBundleException("bundle '" + name + "' lists no actions: add their class names to "
                    + "META-INF/services/io.actionport.sdk.Action");
        }
        var offered = ServiceLoader.load(PromptsAndResources.class, loader).stream()
                .filter(provider -> provider.type().getClassLoader() == loader)
                .map(ServiceLoader.Provider::get)
                .toList();
        if (offered.size() > 1) {
            throw new InvalidBundleException("bundle '" + name + "' lists " + offered.size()
                    + " classes in META-INF/services/io.actionport.sdk.PromptsAndResources; list one");
        }
        var offerings = offered.isEmpty() ? BundleOfferings.NONE : offerings(name, offered.getFirst(), actions);
        return new Bundle(name, version == null ? "0" : version, sha256, actions, offerings);
    }

    /** The bundle's declarations, where a mistake in them is the bundle's fault, not the server's. */
    private static BundleOfferings offerings(String name, PromptsAndResources offered, List<Action<?, ?>> actions) {
        try {
            return BundleOfferings.of(name, offered, actions);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidBundleException(
                    "bundle '" + name + "' declares an invalid prompt or resource: " + e.getMessage());
        }
    }

    private static java.util.jar.Attributes readManifest(byte[] jar) {
        try (var in = new JarInputStream(new ByteArrayInputStream(jar))) {
            var manifest = in.getManifest();
            if (manifest == null) {
                throw new InvalidBundleException("not a bundle jar: it has no manifest");
            }
            return manifest.getMainAttributes();
        } catch (IOException e) {
            throw new InvalidBundleException("not a readable jar: " + e.getMessage());
        }
    }

    private URL cache(String sha256, byte[] jar) {
        try {
            OwnerOnlyFiles.createDirectories(cacheDir);
            var file = cacheDir.resolve(sha256 + ".jar");
            if (Files.notExists(file)) {
                var partial = Files.createTempFile(cacheDir, sha256, ".part");
                Files.write(partial, jar);
                Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return file.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle cache in " + cacheDir, e);
        }
    }

    /** The jar is not a usable bundle. */
    public static final class InvalidBundleException extends ActionportException {
        public InvalidBundleException(String message) {
            super("invalid_bundle", message);
        }
    }
}
