package io.actionport.server.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Settings from a properties file, below flags and environment variables: each setting is taken
 * from the flag, else its environment variable, else the file, else the default. The file is the
 * one {@code ACTIONPORT_CONFIG} names, else {@code actionport.properties} in the working directory
 * when there is one; its keys are the flags' names, e.g. {@code port=8787}, {@code data-dir=/srv/ap}.
 */
final class ConfigFile implements IDefaultValueProvider {

    static final String VARIABLE = "ACTIONPORT_CONFIG";
    static final Path DEFAULT = Path.of("actionport.properties");

    /** The settings a file may hold, with the environment variable that overrides each. */
    static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("port", "ACTIONPORT_PORT"),
            Map.entry("bind", "ACTIONPORT_BIND"),
            Map.entry("public-url", "ACTIONPORT_PUBLIC_URL"),
            Map.entry("data-dir", "ACTIONPORT_DATA_DIR"),
            Map.entry("db", "ACTIONPORT_DB_URL"),
            Map.entry("log-format", "ACTIONPORT_LOG_FORMAT"),
            Map.entry("oauth-issuer", "ACTIONPORT_OAUTH_ISSUER"),
            Map.entry("oauth-resource", "ACTIONPORT_OAUTH_RESOURCE"),
            Map.entry("oauth-environment", "ACTIONPORT_OAUTH_ENVIRONMENT"),
            Map.entry("oauth-scope", "ACTIONPORT_OAUTH_SCOPES"),
            Map.entry("oauth-jwks-url", "ACTIONPORT_OAUTH_JWKS_URL"),
            Map.entry("oauth-introspection-url", "ACTIONPORT_OAUTH_INTROSPECTION_URL"),
            Map.entry("oauth-client-id", "ACTIONPORT_OAUTH_CLIENT_ID"),
            Map.entry("url", "ACTIONPORT_URL"),
            Map.entry("key", "ACTIONPORT_KEY"));

    private final Properties settings;
    private final Map<String, String> environment;

    private ConfigFile(Properties settings, Map<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /**
     * The file the environment names, or the default file if present, or no settings.
     *
     * @throws CommandFailure when the named file is missing or holds a key that is no setting
     */
    static ConfigFile load(Map<String, String> environment) {
        var named = environment.get(VARIABLE);
        var file = named == null || named.isBlank() ? DEFAULT : Path.of(named);
        var settings = new Properties();
        if (!Files.isRegularFile(file)) {
            if (file != DEFAULT) {
                throw new CommandFailure(
                        "unknown_config", VARIABLE + " names " + file.toAbsolutePath() + ", which is not a file");
            }
            return new ConfigFile(settings, environment);
        }
        try (Reader in = Files.newBufferedReader(file)) {
            settings.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailure("invalid_config", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        for (var key : settings.stringPropertyNames()) {
            if (!SETTINGS.containsKey(key)) {
                throw new CommandFailure(
                        "invalid_config",
                        file.toAbsolutePath() + " has '" + key + "', which is no setting; settings: "
                                + String.join(", ", new java.util.TreeSet<>(SETTINGS.keySet())));
            }
        }
        return new ConfigFile(settings, environment);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        var name = option.longestName().replaceFirst("^-+", "");
        var variable = SETTINGS.get(name);
        if (variable == null || environment.get(variable) != null) {
            // Not a setting, or its variable is set: the option's own default (which reads the variable) holds.
            return null;
        }
        return settings.getProperty(name);
    }
}
