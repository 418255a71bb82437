package io.actionport.server.it;

import io.actionport.sdk.Action;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds a bundle jar at test time from compiled action classes, as a bundle author's build would. */
final class BundleJar {

    private BundleJar() {}

    /** A jar named {@code name} holding {@code action} and its nested classes, listed as a service. */
    static byte[] of(String name, Class<? extends Action<?, ?>> action) throws IOException {
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Actionport-Bundle", name);
        manifest.getMainAttributes().putValue("Actionport-Bundle-Version", "1.0.0");
        var bytes = new ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + Action.class.getName()));
            jar.write((action.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            for (var type : action.getNestMembers()) {
                var file = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(file));
                try (var in = type.getClassLoader().getResourceAsStream(file)) {
                    in.transferTo(jar);
                }
            }
        }
        return bytes.toByteArray();
    }
}
