package io.actionport.server.http;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Durations as people write them in requests: {@code 0}, {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, or ISO-8601. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd]?)");

    private Durations() {}

    static Duration parse(String field, String text) {
        var trimmed = text.trim();
        var matcher = SHORT.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "", "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new ApiErrors.BadRequestException(
                    "invalid_parameter",
                    field + " must be a duration such as 0, 90s, 30m, 24h or 7d, was '" + text + "'");
        }
    }
}
