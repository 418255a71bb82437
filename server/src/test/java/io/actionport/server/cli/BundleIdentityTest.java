package io.actionport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle packed from target/classes is named by its manifest or its project, never by a fixed name. */
class BundleIdentityTest {

    @TempDir
    Path project;

    @Test
    void the_projects_artifact_id_and_version_name_the_bundle_not_its_parents() throws Exception {
        var classes = classesOf("""
                <project>
                  <parent><groupId>g</groupId><artifactId>the-parent</artifactId><version>9</version></parent>
                  <artifactId>crm-actions</artifactId>
                  <version>1.4.0</version>
                </project>
                """);

        assertThat(BundleIdentity.of(classes)).isEqualTo(new BundleIdentity("crm-actions", "1.4.0"));
    }

    @Test
    void the_manifests_bundle_name_wins_over_the_artifact_id() throws Exception {
        var classes = classesOf("<project><artifactId>crm-actions</artifactId><version>1.4.0</version></project>");
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(
                classes.resolve("META-INF/MANIFEST.MF"),
                "Manifest-Version: 1.0\nActionport-Bundle: crm\nActionport-Bundle-Version: 7\n");

        assertThat(BundleIdentity.of(classes)).isEqualTo(new BundleIdentity("crm", "7"));
    }

    @Test
    void classes_without_a_manifest_name_or_a_pom_are_refused_with_the_fix() throws Exception {
        var classes = Files.createDirectories(project.resolve("out/classes"));

        assertThatThrownBy(() -> BundleIdentity.of(classes))
                .isInstanceOf(CommandFailure.class)
                .hasMessageContaining("cannot tell the name of the bundle in " + classes)
                .hasMessageContaining("add Actionport-Bundle: <name> to src/main/resources/META-INF/MANIFEST.MF");
    }

    @Test
    void packed_classes_carry_their_name_in_the_jars_manifest() throws Exception {
        var classes = classesOf("<project><artifactId>billing</artifactId><version>3</version></project>");
        Files.writeString(classes.resolve("A.class"), "not really a class");

        var jar = BundleFiles.pack(classes);

        try (var in = new java.util.jar.JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            assertThat(in.getManifest().getMainAttributes().getValue("Actionport-Bundle"))
                    .isEqualTo("billing");
            assertThat(in.getNextJarEntry().getName()).isEqualTo("A.class");
        }
    }

    private Path classesOf(String pom) throws Exception {
        Files.writeString(project.resolve("pom.xml"), pom);
        return Files.createDirectories(project.resolve("target/classes"));
    }
}
