package io.actionport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    private ServeCommand serve(Map<String, String> environment, String... args) {
        var commandLine = ActionportCli.commandLine();
        commandLine.setDefaultValueProvider(ConfigFile.load(environment));
        var all = new java.util.ArrayList<String>();
        all.add("serve");
        all.addAll(java.util.List.of(args));
        var parsed = commandLine.parseArgs(all.toArray(String[]::new));
        return parsed.subcommand().commandSpec().commandLine().getCommand();
    }

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("actionport.properties"), text);
    }

    @Test
    void settings_come_from_the_file_the_variable_names() throws Exception {
        var file = file("port=9999\nbind=0.0.0.0\n");

        var serve = serve(Map.of(ConfigFile.VARIABLE, file.toString()));

        assertThat(serve.port).isEqualTo(9999);
        assertThat(serve.bind).isEqualTo("0.0.0.0");
    }

    @Test
    void a_flag_wins_over_the_file_and_a_set_variable_keeps_the_file_out() throws Exception {
        var file = file("port=9999\nbind=0.0.0.0\n");

        var flagged = serve(Map.of(ConfigFile.VARIABLE, file.toString()), "--port", "7000");
        var withVariable = serve(Map.of(ConfigFile.VARIABLE, file.toString(), "ACTIONPORT_BIND", "127.0.0.2"));

        assertThat(flagged.port).isEqualTo(7000);
        assertThat(flagged.bind).isEqualTo("0.0.0.0");
        // The option's own default reads the real variable; the file's value must not be used.
        assertThat(withVariable.bind).isNotEqualTo("0.0.0.0");
    }

    @Test
    void a_missing_named_file_or_an_unknown_key_is_refused_with_the_fix() throws Exception {
        assertThatThrownBy(() -> ConfigFile.load(Map.of(
                        ConfigFile.VARIABLE, dir.resolve("nope.properties").toString())))
                .isInstanceOfSatisfying(
                        CommandFailure.class, e -> assertThat(e.code()).isEqualTo("unknown_config"))
                .hasMessageContaining("nope.properties");
        var file = file("prot=9999\n");
        assertThatThrownBy(() -> ConfigFile.load(Map.of(ConfigFile.VARIABLE, file.toString())))
                .isInstanceOfSatisfying(
                        CommandFailure.class, e -> assertThat(e.code()).isEqualTo("invalid_config"))
                .hasMessageContaining("'prot'")
                .hasMessageContaining("port");
    }

    @Test
    void the_oauth_settings_come_from_the_file_too() throws Exception {
        var file = file("oauth-issuer=https://login.example.com/realms/acme\noauth-scope=mcp:tools,mcp:write\n");

        var serve = serve(Map.of(ConfigFile.VARIABLE, file.toString()));

        assertThat(serve.oauth.issuer).hasToString("https://login.example.com/realms/acme");
        assertThat(serve.oauth.scopes).containsExactly("mcp:tools", "mcp:write");
    }

    @Test
    void without_a_file_the_defaults_hold() {
        var serve = serve(Map.of());

        assertThat(serve.port).isEqualTo(8787);
    }
}
