package io.actionport.catalog.github;

import io.actionport.catalog.errors.ProviderErrors;
import io.actionport.sdk.ActionException;
import io.actionport.sdk.ProviderClient;
import io.actionport.sdk.ProviderException;
import io.actionport.sdk.ProviderRequest;
import io.actionport.sdk.ProviderResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GitHub's REST API as the actions of this package use it: requests, wire shapes and errors. */
final class GitHub {

    static final String PROVIDER = "GitHub";

    /** GitHub refuses requests without a User-Agent and asks for the API version to be pinned. */
    private static final Map<String, String> HEADERS = Map.of(
            "Accept", "application/vnd.github+json",
            "X-GitHub-Api-Version", "2022-11-28",
            "User-Agent", "actionport-provider-catalog");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern NEXT_PAGE = Pattern.compile("<[^>]*[?&]page=(\\d+)[^>]*>\\s*;\\s*rel=\"next\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GitHub() {}

    /** An issue as GitHub sends it; pull requests come in the same shape, with {@code pull_request} set. */
    record Issue(
            long number,
            String title,
            String body,
            String state,
            String state_reason,
            String html_url,
            User user,
            List<Label> labels,
            List<User> assignees,
            Integer comments,
            String created_at,
            String updated_at,
            String closed_at,
            JsonNode pull_request) {

        boolean isPullRequest() {
            return pull_request != null && !pull_request.isNull();
        }
    }

    record Label(String name) {}

    record User(String login) {}

    /** The path of a repository, after checking that owner and name cannot leave it. */
    static String repo(String owner, String repo) {
        for (var part : List.of(owner, repo)) {
            if (!NAME.matcher(part).matches() || part.equals(".") || part.equals("..")) {
                throw ProviderErrors.validationFailed(
                        PROVIDER, "'" + part + "' is not a repository owner or name (letters, digits, '-', '_', '.')");
            }
        }
        return "/repos/" + owner + "/" + repo;
    }

    static ProviderRequest request(String method, String path, Map<String, String> query, Object body) {
        return new ProviderRequest(method, path, query, HEADERS, body);
    }

    /** Sends a request; a refusal becomes the catalog's error for it, {@code what} naming the target. */
    static ProviderResponse send(ProviderClient client, ProviderRequest request, String what) {
        try {
            return client.send(request).requireSuccess();
        } catch (ProviderException e) {
            throw explain(e, what);
        }
    }

    /** The page after this one, from the {@code Link} header; empty on the last page. */
    static Optional<Integer> nextPage(ProviderResponse response) {
        return response.header("link")
                .map(NEXT_PAGE::matcher)
                .filter(Matcher::find)
                .map(matcher -> Integer.parseInt(matcher.group(1)));
    }

    /**
     * GitHub's refusal as a clear error. A 5xx stays a {@link ProviderException}: it is transient,
     * and the queue retries idempotent actions on it.
     */
    static ActionException explain(ProviderException e, String what) {
        var detail = detail(e.responseBody());
        return switch (e.status()) {
            case 401 -> ProviderErrors.unauthorized(PROVIDER, detail);
            case 403 ->
                detail.toLowerCase(Locale.ROOT).contains("rate limit")
                        ? ProviderErrors.rateLimited(PROVIDER, e.retryAfter(), detail)
                        : ProviderErrors.forbidden(PROVIDER, detail);
            case 404, 410 -> ProviderErrors.notFound(PROVIDER, what, detail);
            case 422 -> ProviderErrors.validationFailed(PROVIDER, detail);
            case 429 -> ProviderErrors.rateLimited(PROVIDER, e.retryAfter(), detail);
            default -> e;
        };
    }

    /** GitHub's {@code message}, with each entry of its {@code errors} list: "Validation Failed: title missing_field". */
    private static String detail(String body) {
        JsonNode error;
        try {
            error = JSON.readTree(body == null ? "" : body);
        } catch (JacksonException notJson) {
            return body == null || body.isBlank() ? "no details" : body;
        }
        var message = error.path("message").asString("no details");
        var fields = error.path("errors")
                .valueStream()
                .map(entry -> entry.has("message")
                        ? entry.path("message").asString()
                        : entry.path("field").asString("?") + " "
                                + entry.path("code").asString("invalid"))
                .collect(Collectors.joining(", "));
        return fields.isEmpty() ? message : message + ": " + fields;
    }
}
