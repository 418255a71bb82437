package io.actionport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project {@code actionport init} writes, for any integration name an action may have. */
class ProjectTemplateTest {

    @TempDir
    Path project;

    @Test
    void the_package_is_the_integration_name_without_dashes() {
        assertThat(ProjectTemplate.packageName("my-crm_v2")).isEqualTo("com.example.mycrmv2");
    }

    @Test
    void names_that_are_no_java_identifier_get_a_prefix() {
        assertThat(ProjectTemplate.packageName("2fa")).isEqualTo("com.example.integration2fa");
        assertThat(ProjectTemplate.packageName("new")).isEqualTo("com.example.integrationnew");
    }

    @Test
    void every_placeholder_is_filled_with_the_integration_and_the_versions_of_this_build() throws Exception {
        var template = ProjectTemplate.forIntegration("acme-crm");

        var files = template.writeTo(project);

        assertThat(files).contains(Path.of("src/main/java/com/example/acmecrm/GetItem.java"));
        try (Stream<Path> tree = Files.walk(project)) {
            for (var file : tree.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("{{");
            }
        }
        assertThat(template.actionportVersion()).isNotBlank().doesNotContain("${");
        assertThat(Files.readString(project.resolve("pom.xml")))
                .contains("<artifactId>acme-crm-actions</artifactId>")
                .contains("<actionport.version>" + template.actionportVersion() + "</actionport.version>")
                .doesNotContain("${junit.version}");
        assertThat(Files.readString(project.resolve("src/main/resources/META-INF/services/io.actionport.sdk.Action")))
                .isEqualTo("com.example.acmecrm.GetItem\n");
    }
}
