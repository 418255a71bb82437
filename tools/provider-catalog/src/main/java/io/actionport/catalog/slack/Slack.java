package io.actionport.catalog.slack;

import io.actionport.catalog.errors.ProviderErrors;
import io.actionport.sdk.ActionException;
import io.actionport.sdk.ProviderClient;
import io.actionport.sdk.ProviderException;
import io.actionport.sdk.ProviderRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Slack's Web API as the actions of this package use it. Slack answers most refusals with HTTP 200
 * and {@code {"ok": false, "error": "channel_not_found"}}, so the envelope is checked on every call.
 */
final class Slack {

    static final String PROVIDER = "Slack";

    private static final Set<String> UNAUTHORIZED =
            Set.of("not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired");
    private static final Set<String> FORBIDDEN = Set.of(
            "missing_scope",
            "not_in_channel",
            "is_archived",
            "restricted_action",
            "not_allowed_token_type",
            "ekm_access_denied",
            "team_access_not_granted");
    private static final Set<String> NOT_FOUND =
            Set.of("channel_not_found", "thread_not_found", "message_not_found", "user_not_found");
    private static final Set<String> INVALID = Set.of(
            "invalid_arguments",
            "invalid_cursor",
            "invalid_limit",
            "invalid_ts_latest",
            "invalid_ts_oldest",
            "invalid_blocks",
            "msg_too_long",
            "no_text",
            "too_many_attachments");

    private Slack() {}

    /** What every Web API answer carries besides its payload. */
    private record Envelope(boolean ok, String error, String needed, ResponseMetadata response_metadata) {}

    /** Where Slack puts the next page's cursor, and details of an {@code invalid_arguments}. */
    record ResponseMetadata(String next_cursor, List<String> messages) {}

    /** Calls a Web API method and reads its answer as {@code type}, or throws the catalog's error. */
    static <T> T call(ProviderClient client, ProviderRequest request, Class<T> type, String what) {
        var response = client.send(request);
        if (response.status() == 429) {
            throw ProviderErrors.rateLimited(PROVIDER, response.retryAfter(), "ratelimited");
        }
        try {
            response.requireSuccess();
        } catch (ProviderException e) {
            throw switch (e.status()) {
                case 401, 403 -> ProviderErrors.unauthorized(PROVIDER, e.responseBody());
                case 404 -> ProviderErrors.notFound(PROVIDER, "API method " + request.path(), e.responseBody());
                default -> e;
            };
        }
        var envelope = response.json(Envelope.class);
        if (!envelope.ok()) {
            throw explain(envelope, what);
        }
        return response.json(type);
    }

    /** A cursor Slack gives as "" on the last page, as null. */
    static String cursor(ResponseMetadata metadata) {
        return metadata == null
                        || metadata.next_cursor() == null
                        || metadata.next_cursor().isEmpty()
                ? null
                : metadata.next_cursor();
    }

    private static ActionException explain(Envelope envelope, String what) {
        var code = envelope.error() == null ? "unknown_error" : envelope.error();
        var detail = code
                + (envelope.needed() == null ? "" : ", needs scope " + envelope.needed())
                + (envelope.response_metadata() == null
                                || envelope.response_metadata().messages() == null
                        ? ""
                        : ": " + String.join("; ", envelope.response_metadata().messages()));
        if (UNAUTHORIZED.contains(code)) {
            return ProviderErrors.unauthorized(PROVIDER, detail);
        }
        if (FORBIDDEN.contains(code)) {
            return ProviderErrors.forbidden(
                    PROVIDER, detail + (code.equals("not_in_channel") ? " (invite the app to the channel first)" : ""));
        }
        if (NOT_FOUND.contains(code)) {
            return ProviderErrors.notFound(PROVIDER, what, detail);
        }
        if (INVALID.contains(code)) {
            return ProviderErrors.validationFailed(PROVIDER, detail);
        }
        if (code.equals("ratelimited")) {
            return ProviderErrors.rateLimited(PROVIDER, Optional.empty(), detail);
        }
        return new ActionException("slack_error", "Slack answered " + detail);
    }
}
