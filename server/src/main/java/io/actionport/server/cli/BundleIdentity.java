package io.actionport.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Manifest;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The name and version of a bundle packed from a classes directory: its own manifest's
 * {@code Actionport-Bundle} when it has one, else the artifactId and version of the Maven project
 * whose {@code target/classes} it is. Never a fixed name: two projects must not replace each other.
 */
record BundleIdentity(String name, String version) {

    static final String NAME_ATTRIBUTE = "Actionport-Bundle";
    static final String VERSION_ATTRIBUTE = "Actionport-Bundle-Version";

    static BundleIdentity of(Path classes) {
        var manifest = manifest(classes.resolve("META-INF/MANIFEST.MF"));
        var named = manifest.map(m -> m.getMainAttributes().getValue(NAME_ATTRIBUTE))
                .filter(name -> !name.isBlank());
        var pom = projectPom(classes);
        if (named.isPresent()) {
            var version = manifest.map(m -> m.getMainAttributes().getValue(VERSION_ATTRIBUTE))
                    .or(() -> pom.flatMap(file -> child(file, "version")))
                    .orElse("0");
            return new BundleIdentity(named.get().strip(), version);
        }
        var artifactId = pom.flatMap(file -> child(file, "artifactId"));
        if (artifactId.isEmpty()) {
            throw new CommandFailure(
                    "unnamed_bundle",
                    "cannot tell the name of the bundle in " + classes + ": it has no META-INF/MANIFEST.MF with "
                            + NAME_ATTRIBUTE + " and no pom.xml with an artifactId next to its target/; add "
                            + NAME_ATTRIBUTE + ": <name> to src/main/resources/META-INF/MANIFEST.MF or pass a built"
                            + " jar");
        }
        return new BundleIdentity(
                artifactId.get(), pom.flatMap(file -> child(file, "version")).orElse("0"));
    }

    private static Optional<Manifest> manifest(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new Manifest(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest " + file, e);
        }
    }

    /** {@code <project>/pom.xml} for {@code <project>/target/classes}. */
    private static Optional<Path> projectPom(Path classes) {
        var target = classes.toAbsolutePath().normalize().getParent();
        if (target == null || target.getParent() == null) {
            return Optional.empty();
        }
        var pom = target.getParent().resolve("pom.xml");
        return Files.isRegularFile(pom) ? Optional.of(pom) : Optional.empty();
    }

    /** A direct child of {@code <project>}, not the {@code <parent>}'s of the same name. */
    private static Optional<String> child(Path pom, String name) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            for (var node = project.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element
                        && element.getTagName().equals(name)
                        && !element.getTextContent().isBlank()) {
                    var value = element.getTextContent().strip();
                    // ${revision} and the like are Maven's to fill in; the name must be literal.
                    return value.contains("${") ? Optional.empty() : Optional.of(value);
                }
            }
            return Optional.empty();
        } catch (ParserConfigurationException | SAXException e) {
            throw new CommandFailure("invalid_pom", pom + " is not a readable pom.xml: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }
}
