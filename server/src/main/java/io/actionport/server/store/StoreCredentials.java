package io.actionport.server.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The passwords of the embedded store's two users, random per store, kept in {@value #FILE_NAME}
 * in the data directory (readable by its owner only) and created on first start.
 *
 * @param ownerPassword of {@value #OWNER}, the admin, used only to create the application user and to checkpoint
 * @param applicationPassword of {@value #APPLICATION}, the user without admin rights the server works as
 */
record StoreCredentials(String ownerPassword, String applicationPassword) {

    static final String FILE_NAME = "store.credentials";
    static final String OWNER = "ACTIONPORT_OWNER";
    static final String APPLICATION = "ACTIONPORT";

    StoreCredentials {
        for (var password : new String[] {ownerPassword, applicationPassword}) {
            if (password == null || !password.matches("[A-Za-z0-9_-]{32,}")) {
                throw new IllegalStateException(
                        "the store credentials file holds a malformed password; restore it from a backup");
            }
        }
    }

    /** The credentials of the store in {@code dataDir}, made and saved there on first use. */
    static StoreCredentials loadOrCreate(Path dataDir) {
        var file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                var properties = new Properties();
                properties.load(new StringReader(Files.readString(file)));
                return new StoreCredentials(
                        properties.getProperty("owner.password"), properties.getProperty("application.password"));
            }
            var created = new StoreCredentials(randomPassword(), randomPassword());
            OwnerOnlyFiles.write(
                    file,
                    "# The passwords of the embedded store in this directory. Keep this file with the store.\n"
                            + "owner.password=" + created.ownerPassword() + "\n"
                            + "application.password=" + created.applicationPassword() + "\n");
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the store credentials file " + file, e);
        }
    }

    private static String randomPassword() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
