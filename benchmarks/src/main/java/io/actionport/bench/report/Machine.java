package io.actionport.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine and runtime a run was measured on, read from {@code /proc} and the JVM. */
public final class Machine {

    private Machine() {}

    public static Map<String, Object> describe() {
        var facts = new LinkedHashMap<String, Object>();
        facts.put("cpu", firstMatch("/proc/cpuinfo", "model name"));
        facts.put(
                "cores",
                Runtime.getRuntime().availableProcessors() + " available to the load generator, " + onlineCpus()
                        + " online");
        facts.put("memory", firstMatch("/proc/meminfo", "MemTotal"));
        facts.put("os", osName());
        facts.put("kernel", read("/proc/sys/kernel/osrelease"));
        facts.put(
                "jvm",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vendor") + ")");
        return facts;
    }

    private static String onlineCpus() {
        return read("/sys/devices/system/cpu/online");
    }

    private static String osName() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream()
                    .filter(line -> line.startsWith("PRETTY_NAME="))
                    .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
                    .findFirst()
                    .orElse(System.getProperty("os.name"));
        } catch (IOException e) {
            return System.getProperty("os.name");
        }
    }

    private static String firstMatch(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
