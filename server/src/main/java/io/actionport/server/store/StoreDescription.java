package io.actionport.server.store;

import java.nio.file.Path;

/**
 * The store named for a log line: the embedded file database and its directory, or the JDBC URL
 * of an external one without what may carry credentials (user info, query and {@code ;}
 * settings).
 */
public final class StoreDescription {

    private StoreDescription() {}

    /** {@code databaseUrl} null means the embedded store under {@code dataDir}. */
    public static String of(String databaseUrl, Path dataDir) {
        if (databaseUrl == null) {
            return "embedded, in " + dataDir.toAbsolutePath();
        }
        var cut = databaseUrl.length();
        for (var separator : new char[] {'?', ';'}) {
            int at = databaseUrl.indexOf(separator);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return databaseUrl.substring(0, cut).replaceFirst("//[^/@]*@", "//");
    }
}
