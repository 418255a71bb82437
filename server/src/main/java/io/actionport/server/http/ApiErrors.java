package io.actionport.server.http;

import io.actionport.server.ActionportException;
import io.actionport.server.Identifiers;
import io.actionport.server.InternalErrors;
import io.actionport.server.JsonProblems;
import io.actionport.server.async.AsyncExecutions;
import io.actionport.server.async.GracefulStop;
import io.actionport.server.async.Triggers;
import io.actionport.server.auth.AuthException;
import io.actionport.server.auth.ManagementException;
import io.actionport.server.connect.ConnectFailure;
import io.actionport.server.connection.ConnectionException;
import io.actionport.server.connection.ProviderHttpClient;
import io.actionport.server.egress.EgressRefusedException;
import io.actionport.server.registry.AmbiguousActionException;
import io.actionport.server.registry.BreakingChangeException;
import io.actionport.server.registry.BundleLoader;
import io.actionport.server.registry.DeploymentConflictException;
import io.actionport.server.runner.ErrorKind;
import io.actionport.server.runner.ExecutionError;
import io.actionport.server.runner.InvalidInputException;
import io.actionport.server.runner.UnknownActionException;
import io.actionport.server.schema.Violation;
import io.actionport.server.store.DuplicateException;
import io.actionport.server.store.Json;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/** The HTTP door's one mapping from failures to a status and an error body; never a stack trace. */
final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {}

    /** A status and a body {@code {"error": {"code", "message", ...}}}. */
    record ApiError(int status, ObjectNode body) {}

    static ApiError of(Throwable failure) {
        return switch (failure) {
            case InvalidInputException e -> error(400, e.code(), e.getMessage(), "input", e.violations());
            case RequestBodies.BodyTooLargeException e -> error(413, e.code(), e.getMessage(), "input", List.of());
            case BadRequestException e -> error(400, e.code(), e.getMessage(), "input", List.of());
            case HttpApi.RepeatedHeaderException e -> error(400, e.code(), e.getMessage(), "input", List.of());
            case JacksonException e ->
                error(
                        400,
                        "malformed_json",
                        "the request body is not valid JSON: " + JsonProblems.describe(e),
                        "input",
                        List.of());
            case AuthException e -> error(e.status(), e.code(), e.getMessage(), "auth", List.of());
            case ManagementException e -> error(e.status(), e.code(), e.getMessage(), "input", List.of());
            case UnknownActionException e -> error(404, e.code(), e.getMessage(), "input", List.of());
            case ConnectionException e -> {
                var apiError = error(e.isNotFound() ? 404 : 400, e.code(), e.getMessage(), "input", List.of());
                e.connectUrl()
                        .ifPresent(
                                url -> ((ObjectNode) apiError.body().get("error")).put("connect_url", url.toString()));
                yield apiError;
            }
            case NotFoundException e -> error(404, e.code(), e.getMessage(), "input", List.of());
            case ConnectFailure e ->
                error(e.status(), e.code(), e.getMessage(), e.status() == 502 ? "provider" : "input", List.of());
            case AmbiguousActionException e -> error(400, e.code(), e.getMessage(), "input", List.of());
            case DeploymentConflictException e -> error(409, e.code(), e.getMessage(), "input", List.of());
            case BreakingChangeException e -> error(409, e.code(), e.getMessage(), "input", List.of());
            case DuplicateException e -> error(409, e.code(), e.getMessage(), "input", List.of());
            case ConflictException e -> error(409, e.code(), e.getMessage(), "input", List.of());
            case Triggers.IdempotencyConflictException e -> error(409, e.code(), e.getMessage(), "input", List.of());
            case Triggers.IdempotencyInFlightException e -> error(409, e.code(), e.getMessage(), "input", List.of());
            case GracefulStop.ShuttingDownException e -> error(503, e.code(), e.getMessage(), "server", List.of());
            case AsyncExecutions.RetriesRefusedException e -> error(400, e.code(), e.getMessage(), "input", List.of());
            case BundleLoader.InvalidBundleException e -> error(400, e.code(), e.getMessage(), "input", List.of());
            case EgressRefusedException e -> error(400, e.code(), e.getMessage(), "input", List.of());
            case ProviderHttpClient.ForbiddenProviderTargetException e ->
                error(400, e.code(), e.getMessage(), "input", List.of());
            case ProviderHttpClient.ProviderUnreachableException e ->
                error(502, e.code(), e.getMessage(), "provider", List.of());
            case RequestsProxy.RedirectRefusedException e ->
                error(502, e.code(), e.getMessage(), "provider", List.of());
            case Identifiers.InvalidIdentifierException e -> error(400, e.code(), e.getMessage(), "input", List.of());
            case ActionportException e
            when !InternalErrors.STORE_ERROR.equals(e.code()) ->
                error(500, e.code(), e.getMessage(), "server", List.of());
            case Throwable e
            when ClientGone.is(e) -> {
                // The client hung up mid-request: its choice, nobody to answer, nothing to alarm anyone.
                log.debug("the client closed the connection mid-request: {}", e.toString());
                yield error(400, "client_closed", "the client closed the connection", "input", List.of());
            }
            default -> internal(failure);
        };
    }

    /** A failure nobody caused on purpose: the caller gets an error id, the log gets the details. */
    private static ApiError internal(Throwable failure) {
        var report = InternalErrors.report("an HTTP API request", failure);
        var apiError = error(500, report.code(), report.message(), "server", List.of());
        ((ObjectNode) apiError.body().get("error")).put("error_id", report.errorId());
        return apiError;
    }

    /** Seconds a refused caller should wait before trying again ({@code Retry-After}), or null. */
    static String retryAfter(Throwable failure) {
        return switch (failure) {
            case Triggers.IdempotencyInFlightException e ->
                String.valueOf(e.retryAfter().toSeconds());
            case GracefulStop.ShuttingDownException e ->
                String.valueOf(e.retryAfter().toSeconds());
            default -> null;
        };
    }

    /** A failed execution: the status says whose fault it is. */
    static ApiError ofExecution(String executionId, ExecutionError error) {
        int status = switch (error.kind()) {
            case PROVIDER -> 502;
            case ACTION, INPUT_REQUIRED -> 422;
            case TIMEOUT -> 504;
            case CANCELLED -> 409;
            case CRASH, INVALID_OUTPUT, OUTPUT_TOO_LARGE -> 500;
        };
        var apiError = error(status, error.code(), error.message(), kindName(error.kind()), error.violations());
        var body = (ObjectNode) apiError.body().get("error");
        body.put("execution_id", executionId);
        if (error.providerStatus() != null) {
            body.put("provider_status", error.providerStatus());
        }
        return apiError;
    }

    static String kindName(ErrorKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static ApiError error(int status, String code, String message, String kind, List<Violation> violations) {
        var error = Json.MAPPER.createObjectNode();
        error.put("code", code);
        error.put("message", message);
        error.put("kind", kind);
        if (!violations.isEmpty()) {
            var list = error.putArray("violations");
            violations.forEach(v -> list.addObject()
                    .put("pointer", v.pointer())
                    .put("keyword", v.keyword())
                    .put("message", v.message()));
        }
        var body = Json.MAPPER.createObjectNode();
        body.set("error", error);
        return new ApiError(status, body);
    }

    /** The request is malformed in a way no schema describes (a missing header, a bad parameter). */
    static final class BadRequestException extends ActionportException {
        BadRequestException(String code, String message) {
            super(code, message);
        }
    }

    /** The request conflicts with the state of what it names. */
    static final class ConflictException extends ActionportException {
        ConflictException(String code, String message) {
            super(code, message);
        }
    }

    /** The thing the request names does not exist in the caller's environment. */
    static final class NotFoundException extends ActionportException {
        NotFoundException(String code, String message) {
            super(code, message);
        }
    }
}
