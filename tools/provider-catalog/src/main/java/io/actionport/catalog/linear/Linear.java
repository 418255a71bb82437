package io.actionport.catalog.linear;

import io.actionport.catalog.errors.ProviderErrors;
import io.actionport.sdk.ActionException;
import io.actionport.sdk.ProviderClient;
import io.actionport.sdk.ProviderRequest;
import io.actionport.sdk.ProviderResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * Linear's GraphQL API as the actions of this package use it. Linear reports refusals as GraphQL
 * errors, with HTTP 200 or 400, whose {@code extensions.type} says what went wrong.
 */
final class Linear {

    static final String PROVIDER = "Linear";

    private Linear() {}

    /** A GraphQL answer: {@code data}, or {@code errors}. */
    interface Result {
        List<Error> errors();
    }

    record Error(String message, Extensions extensions) {}

    record Extensions(String type, String userPresentableMessage) {}

    /** An issue as the {@link #ISSUE_FIELDS} fragment asks for it. */
    record Issue(
            String id,
            String identifier,
            String title,
            String url,
            Double priority,
            String updatedAt,
            State state,
            Team team,
            User assignee) {}

    record State(String name, String type) {}

    record Team(String id, String key) {}

    record User(String name) {}

    /** A connection's page of nodes. */
    record Nodes<T>(List<T> nodes, PageInfo pageInfo) {}

    record PageInfo(boolean hasNextPage, String endCursor) {}

    /** The issue fields every action here reads, as a fragment to append to a document. */
    static final String ISSUE_FIELDS = """
            fragment IssueFields on Issue {
              id identifier title url priority updatedAt
              state { name type }
              team { id key }
              assignee { name }
            }
            """;

    private record Errors(List<Error> errors) implements Result {}

    /** The body of a GraphQL call. */
    record Request(String query, Map<String, Object> variables) {}

    /** Runs a query or mutation and reads the answer as {@code type}, or throws the catalog's error. */
    static <T extends Result> T execute(
            ProviderClient client, String document, Map<String, Object> variables, Class<T> type) {
        var response = client.send(ProviderRequest.post("/graphql", new Request(document, variables)));
        if (!response.isSuccess()) {
            var errors = errorsOf(response);
            if (errors.isEmpty() && response.status() >= 500) {
                response.requireSuccess(); // transient: a provider error, which the queue retries
            }
            throw explain(errors, response);
        }
        var result = response.json(type);
        if (result.errors() != null && !result.errors().isEmpty()) {
            throw explain(result.errors(), response);
        }
        return result;
    }

    private static List<Error> errorsOf(ProviderResponse response) {
        try {
            var errors = response.json(Errors.class).errors();
            return errors == null ? List.of() : errors;
        } catch (JacksonException notGraphQl) {
            return List.of();
        }
    }

    private static ActionException explain(List<Error> errors, ProviderResponse response) {
        var first = errors.isEmpty() ? null : errors.getFirst();
        var type = first == null
                        || first.extensions() == null
                        || first.extensions().type() == null
                ? byStatus(response.status())
                : first.extensions().type().toLowerCase(Locale.ROOT);
        var detail = first == null
                ? "HTTP " + response.status() + " " + response.bodyText()
                : first.extensions() != null && first.extensions().userPresentableMessage() != null
                        ? first.extensions().userPresentableMessage()
                        : first.message();
        return switch (type) {
            case "authentication error" -> ProviderErrors.unauthorized(PROVIDER, detail);
            case "forbidden", "feature not accessible" -> ProviderErrors.forbidden(PROVIDER, detail);
            case "ratelimited" -> ProviderErrors.rateLimited(PROVIDER, response.retryAfter(), detail);
            case "invalid input" ->
                detail.toLowerCase(Locale.ROOT).contains("not found")
                        ? ProviderErrors.notFound(PROVIDER, "such entity", detail)
                        : ProviderErrors.validationFailed(PROVIDER, detail);
            default -> new ActionException("linear_error", "Linear answered " + type + ": " + detail);
        };
    }

    /** The type Linear's own SDK assumes when the answer names none. */
    private static String byStatus(int status) {
        return switch (status) {
            case 401 -> "authentication error";
            case 403 -> "forbidden";
            case 429 -> "ratelimited";
            default -> "HTTP " + status;
        };
    }
}
