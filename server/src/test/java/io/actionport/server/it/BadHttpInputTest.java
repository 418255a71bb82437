package io.actionport.server.it;

import static io.actionport.server.it.BadInput.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input at the HTTP door, the trigger API and the admin API: each request gets its exact
 * status and error code naming what is wrong, never a 5xx, a hang or a trace; the server serves on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadHttpInputTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static byte[] demoBundle;

    static final String ECHO = "{\"action_name\": \"echo\", \"input\": {\"message\": \"hi\"}}";
    static final String LONG = repeat('a', 300);

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(dataDir);
        try (InputStream in = BadHttpInputTest.class.getResourceAsStream("/bundles/demo-bundle.jar")) {
            demoBundle = in.readAllBytes();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<HttpCase> triggerCases() {
        return Stream.of(
                // Authentication
                HttpCase.trigger("no Authorization header", ECHO)
                        .header("Authorization", null)
                        .expect(401, "missing_auth", "Authorization: Bearer"),
                HttpCase.trigger("Basic instead of Bearer", ECHO)
                        .header("Authorization", "Basic dXNlcjpwYXNz")
                        .expect(401, "invalid_auth", "Bearer <environment key>"),
                HttpCase.trigger("Bearer without a key", ECHO)
                        .header("Authorization", "Bearer")
                        .expect(401, "invalid_auth", "Bearer"),
                HttpCase.trigger("unknown key", ECHO)
                        .header("Authorization", "Bearer nope")
                        .expect(401, "invalid_key", "not a key of any environment"),
                HttpCase.trigger("a 5000-character key", ECHO)
                        .header("Authorization", "Bearer " + repeat('k', 5000))
                        .expect(401, "invalid_key", "not a key of any environment"),
                HttpCase.trigger("prod key asking for dev", ECHO)
                        .header("Authorization", "Bearer " + TestServer.PROD_KEY)
                        .header("X-Actionport-Environment", "dev")
                        .expect(403, "wrong_environment", "belongs to environment 'prod'"),
                HttpCase.trigger("dev key asking for prod", ECHO)
                        .header("X-Actionport-Environment", "prod")
                        .expect(403, "wrong_environment", "not 'prod'"),
                HttpCase.trigger("environment header of 300 characters", ECHO)
                        .header("X-Actionport-Environment", LONG)
                        .expect(
                                400,
                                "invalid_header",
                                "X-Actionport-Environment is 300 characters long, over the limit of 64"),
                HttpCase.trigger("environment header with a path", ECHO)
                        .header("X-Actionport-Environment", "dev/../prod")
                        .expect(400, "invalid_header", "X-Actionport-Environment must be"),
                HttpCase.trigger("environment header with a space", ECHO)
                        .header("X-Actionport-Environment", "d ev")
                        .expect(400, "invalid_header", "X-Actionport-Environment must be"),
                HttpCase.trigger("two Connection-Id headers", ECHO)
                        .headerTwice("Connection-Id", "demo", "other")
                        .expect(400, "repeated_header", "Connection-Id was sent 2 times; send it once"),
                HttpCase.trigger("two Idempotency-Key headers", ECHO)
                        .headerTwice("Idempotency-Key", "one", "two")
                        .expect(400, "repeated_header", "Idempotency-Key was sent 2 times"),
                HttpCase.trigger("two Authorization headers", ECHO)
                        .headerTwice("Authorization", "Bearer " + TestServer.DEV_KEY, "Bearer nope")
                        .expect(400, "repeated_header", "Authorization was sent 2 times"),
                // The body
                HttpCase.trigger("empty body", "").expect(400, "malformed_json", "the request body is empty"),
                HttpCase.trigger("truncated JSON", "{\"action_name\": ")
                        .expect(400, "malformed_json", "not valid JSON"),
                HttpCase.trigger("not JSON at all", "action_name=echo").expect(400, "malformed_json", "not valid JSON"),
                HttpCase.trigger("garbage bytes", "\u0001\u0002\u00ff\u0000").expect(400, "malformed_json", "JSON"),
                HttpCase.trigger(
                                "a key given twice",
                                "{\"action_name\": \"echo\", \"input\": {\"message\": \"a\", \"message\": \"b\"}}")
                        .expect(400, "malformed_json", "Duplicate Object property \"message\""),
                HttpCase.trigger("a JSON array", "[]").expect(400, "malformed_json", "must be a JSON object"),
                HttpCase.trigger("a JSON string", "\"echo\"").expect(400, "malformed_json", "must be a JSON object"),
                HttpCase.trigger("JSON null", "null").expect(400, "malformed_json", "must be a JSON object"),
                HttpCase.trigger("a JSON number", "42").expect(400, "malformed_json", "must be a JSON object"),
                HttpCase.trigger("trailing garbage after the object", ECHO + " }")
                        .expect(400, "malformed_json", "not valid JSON"),
                HttpCase.trigger("nesting 5000 levels deep", "{\"action_name\":\"echo\",\"input\":" + "[".repeat(5000))
                        .expect(400, "malformed_json", "not valid JSON"),
                HttpCase.trigger("no action_name", "{\"input\": {}}").expect(400, "missing_action_name", "action_name"),
                HttpCase.trigger("action_name is a number", "{\"action_name\": 42}")
                        .expect(
                                400,
                                "invalid_action_name",
                                "must be a string, the name of a deployed action (GET /actions lists them); got number 42"),
                HttpCase.trigger("action_name is an object", "{\"action_name\": {}}")
                        .expect(400, "invalid_action_name", "got object {}"),
                HttpCase.trigger("action_name is empty", "{\"action_name\": \"\"}")
                        .expect(400, "missing_action_name", "action_name"),
                HttpCase.trigger("action_name of 300 characters", "{\"action_name\": \"" + LONG + "\"}")
                        .expect(400, "invalid_parameter", "action_name is 300 characters long, over the limit of 129"),
                HttpCase.trigger("action_name with a NUL", "{\"action_name\": \"ec\\u0000ho\"}")
                        .expect(400, "invalid_parameter", "action_name must be"),
                HttpCase.trigger("action_name in unicode", "{\"action_name\": \"échø\"}")
                        .expect(400, "invalid_parameter", "action_name must be"),
                HttpCase.trigger("action_name with a space", "{\"action_name\": \"ec ho\"}")
                        .expect(400, "invalid_parameter", "action_name must be"),
                HttpCase.trigger("unknown action", "{\"action_name\": \"no-such-action\", \"input\": {}}")
                        .expect(404, "unknown_action", "no-such-action"),
                HttpCase.trigger("path-like action name", "{\"action_name\": \"../../etc/passwd\", \"input\": {}}")
                        .expect(404, "unknown_action", "passwd"),
                // Schema violations, each with its JSON pointer
                HttpCase.trigger("input missing", "{\"action_name\": \"echo\"}")
                        .expect(400, "invalid_action_input", "required property 'message' not found")
                        .pointer("/message"),
                HttpCase.trigger("input is a string", "{\"action_name\": \"echo\", \"input\": \"hi\"}")
                        .expect(400, "invalid_action_input", "string found, object expected")
                        .pointer(""),
                HttpCase.trigger("input is an array", "{\"action_name\": \"echo\", \"input\": []}")
                        .expect(400, "invalid_action_input", "array found, object expected")
                        .pointer(""),
                HttpCase.trigger("required field missing", "{\"action_name\": \"echo\", \"input\": {}}")
                        .expect(400, "invalid_action_input", "/message")
                        .pointer("/message"),
                HttpCase.trigger("field of the wrong type", "{\"action_name\": \"echo\", \"input\": {\"message\": 42}}")
                        .expect(400, "invalid_action_input", "/message")
                        .pointer("/message"),
                HttpCase.trigger("field is null", "{\"action_name\": \"echo\", \"input\": {\"message\": null}}")
                        .expect(400, "invalid_action_input", "/message")
                        .pointer("/message"),
                HttpCase.trigger(
                                "huge number for a string",
                                "{\"action_name\": \"echo\", \"input\": {\"message\": 1e400}}")
                        .expect(400, "invalid_action_input", "/message")
                        .pointer("/message"),
                HttpCase.trigger(
                                "create-issue with a number body",
                                "{\"action_name\": \"create-issue\", \"input\": {\"title\": \"t\", \"body\": 7}}")
                        .expect(400, "invalid_action_input", "/body: integer found, [string, null] expected")
                        .pointer("/body"),
                HttpCase.trigger(
                                "body just over the 4 MiB cap",
                                "{\"action_name\": \"echo\", \"input\": {\"message\": \"" + repeat('x', 4 * 1024 * 1024)
                                        + "\"}}")
                        .expect(413, "request_too_large", "over the limit of 4194304 bytes"),
                // Headers
                HttpCase.trigger("X-Async: maybe", ECHO)
                        .header("X-Async", "maybe")
                        .expect(400, "invalid_header", "X-Async must be true or false, was 'maybe'"),
                HttpCase.trigger("X-Async: 1", ECHO)
                        .header("X-Async", "1")
                        .expect(400, "invalid_header", "X-Async must be true or false"),
                HttpCase.trigger("X-Async: yes", ECHO)
                        .header("X-Async", "yes")
                        .expect(400, "invalid_header", "X-Async must be true or false"),
                HttpCase.trigger("X-Max-Retries: abc", ECHO)
                        .header("X-Async", "true")
                        .header("X-Max-Retries", "abc")
                        .expect(400, "invalid_header", "X-Max-Retries must be a whole number from 0 to 5, was 'abc'"),
                HttpCase.trigger("X-Max-Retries: -1", ECHO)
                        .header("X-Async", "true")
                        .header("X-Max-Retries", "-1")
                        .expect(400, "invalid_header", "X-Max-Retries must be a whole number from 0 to 5"),
                HttpCase.trigger("X-Max-Retries: 6", ECHO)
                        .header("X-Async", "true")
                        .header("X-Max-Retries", "6")
                        .expect(400, "invalid_header", "from 0 to 5, was '6'"),
                HttpCase.trigger("X-Max-Retries: huge", ECHO)
                        .header("X-Async", "true")
                        .header("X-Max-Retries", "99999999999999999999")
                        .expect(400, "invalid_header", "X-Max-Retries"),
                HttpCase.trigger("X-Max-Retries: 1.5", ECHO)
                        .header("X-Async", "true")
                        .header("X-Max-Retries", "1.5")
                        .expect(400, "invalid_header", "X-Max-Retries"),
                HttpCase.trigger("X-Max-Retries without X-Async", ECHO)
                        .header("X-Max-Retries", "2")
                        .expect(400, "retries_not_allowed", "add X-Async: true"),
                HttpCase.trigger("Idempotency-Key of 300 characters", ECHO)
                        .header("Idempotency-Key", LONG)
                        .expect(400, "invalid_header", "Idempotency-Key is 300 characters long, over the limit of 256"),
                HttpCase.trigger("Idempotency-Key just over the limit", ECHO)
                        .header("Idempotency-Key", repeat('k', 257))
                        .expect(400, "invalid_header", "over the limit of 256"),
                HttpCase.trigger("Idempotency-Key with a space", ECHO)
                        .header("Idempotency-Key", "a b")
                        .expect(400, "invalid_header", "Idempotency-Key must be"),
                HttpCase.trigger("Connection-Id of 300 characters", ECHO)
                        .header("Connection-Id", LONG)
                        .expect(400, "invalid_header", "Connection-Id is 300 characters long, over the limit of 256"),
                HttpCase.trigger("Connection-Id with a slash", ECHO)
                        .header("Connection-Id", "a/b")
                        .expect(400, "invalid_header", "Connection-Id must be"),
                HttpCase.trigger("unknown Connection-Id", ECHO)
                        .header("Connection-Id", "nobody")
                        .expect(404, "unknown_connection", "nobody"),
                HttpCase.trigger("Provider-Config-Key of 300 characters", ECHO)
                        .header("Provider-Config-Key", LONG)
                        .expect(
                                400,
                                "invalid_header",
                                "Provider-Config-Key is 300 characters long, over the limit of 64"),
                HttpCase.trigger("Provider-Config-Key with a slash", ECHO)
                        .header("Provider-Config-Key", "de/mo")
                        .expect(400, "invalid_header", "Provider-Config-Key must be"),
                HttpCase.trigger("unknown Provider-Config-Key", ECHO)
                        .header("Provider-Config-Key", "nope")
                        .expect(404, "unknown_action", "echo"),
                // Execution reads
                HttpCase.of("unknown execution, Nango status", "GET", "/action/nope")
                        .expect(404, "unknown_execution", "no execution nope"),
                HttpCase.of("execution id of 300 characters, Nango status", "GET", "/action/" + LONG)
                        .expect(404, "unknown_execution", "no execution"),
                HttpCase.of("execution id of 300 characters", "GET", "/executions/" + LONG)
                        .expect(404, "unknown_execution", "no execution"),
                HttpCase.of("execution id with an encoded NUL", "GET", "/executions/a%00b")
                        .expect(404, "unknown_execution", "no execution"),
                HttpCase.of("execution id with bad percent-encoding", "GET", "/executions/%zz")
                        .raw()
                        .expect(400, "invalid_parameter", "percent-encoding"),
                HttpCase.of("execution id with a raw space", "GET", "/executions/a b")
                        .raw()
                        .expect(400, null, ""),
                HttpCase.of("limit=abc", "GET", "/executions?limit=abc")
                        .expect(400, "invalid_parameter", "limit must be a whole number from 1 to 500, was 'abc'"),
                HttpCase.of("limit=0", "GET", "/executions?limit=0")
                        .expect(400, "invalid_parameter", "limit must be a whole number from 1 to 500, was '0'"),
                HttpCase.of("limit=501", "GET", "/executions?limit=501").expect(400, "invalid_parameter", "was '501'"),
                HttpCase.of("limit=-5", "GET", "/executions?limit=-5").expect(400, "invalid_parameter", "limit"),
                HttpCase.of("limit beyond int", "GET", "/executions?limit=99999999999999")
                        .expect(400, "invalid_parameter", "limit"),
                HttpCase.of("limit empty", "GET", "/executions?limit=").expect(400, "invalid_parameter", "limit"),
                HttpCase.of("a query that cannot be decoded", "GET", "/executions?status=%ZZ")
                        .raw()
                        .expect(400, "malformed_query", "percent-encode"),
                HttpCase.of(
                                "a connect callback whose query cannot be decoded",
                                "GET",
                                "/connect/callback?state=%ZZ&code=x")
                        .raw()
                        .header("Accept", "application/json")
                        .expect(400, "malformed_query", "percent-encode"),
                HttpCase.of("status=bogus", "GET", "/executions?status=bogus")
                        .expect(400, "invalid_parameter", "status must be queued, running"),
                HttpCase.of("since=yesterday", "GET", "/executions?since=yesterday")
                        .expect(400, "invalid_parameter", "since must be an ISO-8601 instant"),
                HttpCase.of("cursor of 300 characters", "GET", "/executions?cursor=" + LONG)
                        .expect(200, null, "executions"),
                HttpCase.of("action filter of 300 characters", "GET", "/executions?action=" + LONG)
                        .expect(200, null, "executions"),
                HttpCase.of("connection filter of 300 characters", "GET", "/executions?connection=" + LONG)
                        .expect(200, null, "executions"),
                HttpCase.of("logs after=abc", "GET", "/executions/nope/logs?after=abc")
                        .expect(
                                400,
                                "invalid_parameter",
                                "after must be a whole number from -1 to 2147483647, was 'abc'"),
                HttpCase.of("logs after=-2", "GET", "/executions/nope/logs?after=-2")
                        .expect(400, "invalid_parameter", "after must be a whole number"),
                HttpCase.of("logs after=1e3", "GET", "/executions/nope/logs?after=1e3")
                        .expect(400, "invalid_parameter", "after"),
                HttpCase.of("logs of an unknown execution", "GET", "/executions/nope/logs")
                        .expect(404, "unknown_execution", "nope"),
                HttpCase.of("cancel an unknown execution", "POST", "/executions/nope/cancel")
                        .expect(404, "unknown_execution", "nope"),
                HttpCase.of("actions with a Provider-Config-Key of 300 characters", "GET", "/actions")
                        .header("Provider-Config-Key", LONG)
                        .expect(200, null, "actions"),
                // The requests proxy
                HttpCase.of("proxy without Provider-Config-Key", "GET", "/proxy/things")
                        .expect(400, "missing_header", "Provider-Config-Key"),
                HttpCase.of("proxy with a Provider-Config-Key of 300 characters", "GET", "/proxy/things")
                        .header("Provider-Config-Key", LONG)
                        .expect(400, "invalid_header", "Provider-Config-Key is 300 characters long"),
                HttpCase.of("proxy with a Connection-Id with a slash", "GET", "/proxy/things")
                        .header("Provider-Config-Key", "fake")
                        .header("Connection-Id", "../other")
                        .expect(400, "invalid_header", "Connection-Id must be"),
                HttpCase.of("proxy with an unknown Connection-Id", "GET", "/proxy/things")
                        .header("Provider-Config-Key", "fake")
                        .header("Connection-Id", "nobody")
                        .expect(404, "unknown_connection", "nobody"));
    }

    static Stream<HttpCase> adminCases() {
        var integration = "/integrations/shop";
        return Stream.of(
                // Routes
                HttpCase.of("a path nothing serves", "GET", "/nope/at/all")
                        .expect(404, "not_found", "nothing is served at /nope/at/all"),
                HttpCase.of("a typo of an endpoint", "POST", "/actoin/trigger")
                        .body(ECHO)
                        .expect(404, "not_found", "POST /action/trigger"),
                HttpCase.of("a known endpoint with the wrong method", "DELETE", "/actions")
                        .expect(405, "method_not_allowed", "/actions does not take DELETE"),
                HttpCase.of("the trigger read with GET, as if it were an execution", "GET", "/action/trigger")
                        .expect(405, "method_not_allowed", "/action/trigger does not take GET"),
                HttpCase.of("an execution read with POST", "POST", "/executions/abc")
                        .body("{}")
                        .expect(
                                405,
                                "method_not_allowed",
                                "/executions/{id} does not take POST (asked: POST /executions/abc)"),
                // Integrations
                HttpCase.of("integration body is truncated JSON", "PUT", integration)
                        .body("{")
                        .expect(400, "malformed_json", "not valid JSON"),
                HttpCase.of("integration body is an array", "PUT", integration)
                        .body("[]")
                        .expect(400, "malformed_json", "must be a JSON object"),
                HttpCase.of("integration body is empty", "PUT", integration)
                        .expect(400, "malformed_json", "must be a JSON object"),
                HttpCase.of("integration without base_url", "PUT", integration)
                        .body("{}")
                        .expect(400, "missing_field", "base_url"),
                HttpCase.of("base_url is a number", "PUT", integration)
                        .body("{\"base_url\": 42}")
                        .expect(400, "invalid_parameter", "base_url must be a string, was a number"),
                HttpCase.of("base_url with a space", "PUT", integration)
                        .body("{\"base_url\": \"https://exa mple.com\"}")
                        .expect(400, "egress_refused", "it is not a valid URL"),
                HttpCase.of("base_url is not http", "PUT", integration)
                        .body("{\"base_url\": \"ftp://example.com\"}")
                        .expect(400, "egress_refused", "only http and https URLs are allowed"),
                HttpCase.of("base_url is relative", "PUT", integration)
                        .body("{\"base_url\": \"/api\"}")
                        .expect(400, "egress_refused", "only http and https URLs are allowed"),
                HttpCase.of("base_url of 3000 characters", "PUT", integration)
                        .body("{\"base_url\": \"https://example.com/" + repeat('p', 3000) + "\"}")
                        .expect(400, "invalid_parameter", "over the limit of 2048"),
                HttpCase.of("connect-link settings on an integration that is not oauth2", "PUT", integration)
                        .body("{\"base_url\": \"https://example.com\", \"auth_scheme\": \"bearer\","
                                + " \"authorization_url\": \"https://example.com/authorize\"}")
                        .expect(400, "invalid_integration", "need auth_scheme oauth2"),
                HttpCase.of("an audit cursor that no page gave", "GET", "/environments/dev/audit?cursor=garbage")
                        .expect(400, "invalid_parameter", "next_cursor of a previous page"),
                HttpCase.of("unknown auth_scheme", "PUT", integration)
                        .body("{\"base_url\": \"https://example.com\", \"auth_scheme\": \"magic\"}")
                        .expect(400, "invalid_integration", "unknown auth scheme 'magic'"),
                HttpCase.of("auth_scheme is a boolean", "PUT", integration)
                        .body("{\"base_url\": \"https://example.com\", \"auth_scheme\": true}")
                        .expect(400, "invalid_parameter", "auth_scheme must be a string"),
                HttpCase.of("api_key_header without auth_name", "PUT", integration)
                        .body("{\"base_url\": \"https://example.com\", \"auth_scheme\": \"api_key_header\"}")
                        .expect(400, "invalid_integration", "needs the header or parameter name"),
                HttpCase.of("oauth2 without token_url", "PUT", integration)
                        .body("{\"base_url\": \"https://example.com\", \"auth_scheme\": \"oauth2\"}")
                        .expect(400, "invalid_integration", "token_url"),
                HttpCase.of("oauth2 token_url without a host", "PUT", integration)
                        .body("{\"base_url\": \"https://example.com\", \"auth_scheme\": \"oauth2\","
                                + " \"token_url\": \"soon\", \"client_id\": \"c\"}")
                        .expect(400, "egress_refused", "token_url 'soon'"),
                HttpCase.of("oauth2 without client_id", "PUT", integration)
                        .body("{\"base_url\": \"https://example.com\", \"auth_scheme\": \"oauth2\","
                                + " \"token_url\": \"https://example.com/token\"}")
                        .expect(400, "invalid_integration", "client_id"),
                HttpCase.of("integration key of 300 characters", "PUT", "/integrations/" + LONG)
                        .body("{\"base_url\": \"https://example.com\"}")
                        .expect(
                                400,
                                "invalid_parameter",
                                "integration key is 300 characters long, over the limit of 64"),
                HttpCase.of("integration key with a space", "PUT", "/integrations/a%20b")
                        .body("{\"base_url\": \"https://example.com\"}")
                        .expect(400, "invalid_parameter", "integration key must be"),
                HttpCase.of("integration key with a NUL", "PUT", "/integrations/a%00b")
                        .body("{\"base_url\": \"https://example.com\"}")
                        .expect(400, "invalid_parameter", "\\u0000"),
                HttpCase.of("integration key in unicode", "PUT", "/integrations/%C3%A9t%C3%A9")
                        .body("{\"base_url\": \"https://example.com\"}")
                        .expect(400, "invalid_parameter", "integration key must be"),
                HttpCase.of("integration key with bad percent-encoding", "PUT", "/integrations/%zz")
                        .raw()
                        .body("{\"base_url\": \"https://example.com\"}")
                        .expect(400, "invalid_parameter", "percent-encoding"),
                HttpCase.of("integration body just over 64 KiB", "PUT", integration)
                        .body("{\"base_url\": \"" + repeat('x', 64 * 1024) + "\"}")
                        .expect(413, "request_too_large", "over the limit of 65536 bytes"),
                HttpCase.of("integrations without a key", "GET", "/integrations")
                        .header("Authorization", null)
                        .expect(401, "missing_auth", "Bearer"),
                // Connections
                connection("connection body is truncated JSON", "{").expect(400, "malformed_json", "not valid JSON"),
                connection("connection body is an array", "[1]").expect(400, "malformed_json", "must be a JSON object"),
                connection("connection body is empty", "").expect(400, "malformed_json", "must be a JSON object"),
                connection("connection without integration", "{\"connection_id\": \"c\"}")
                        .expect(400, "invalid_parameter", "integration is required"),
                connection("integration is a number", "{\"integration\": 7, \"connection_id\": \"c\"}")
                        .expect(400, "invalid_parameter", "integration must be a string, was a number"),
                connection(
                                "integration of 300 characters",
                                "{\"integration\": \"" + LONG + "\", \"connection_id\": \"c\"}")
                        .expect(400, "invalid_parameter", "integration is 300 characters long, over the limit of 64"),
                connection("unknown integration", "{\"integration\": \"nope\", \"connection_id\": \"c\"}")
                        .expect(404, "unknown_integration", "PUT /integrations/nope first"),
                connection("connection without connection_id", "{\"integration\": \"fake\"}")
                        .expect(400, "invalid_parameter", "connection_id is required"),
                connection("connection_id is empty", "{\"integration\": \"fake\", \"connection_id\": \"\"}")
                        .expect(400, "invalid_parameter", "connection_id is required"),
                connection("connection_id is blank", "{\"integration\": \"fake\", \"connection_id\": \"   \"}")
                        .expect(400, "invalid_parameter", "connection_id must be"),
                connection("connection_id with a slash", "{\"integration\": \"fake\", \"connection_id\": \"a/b\"}")
                        .expect(
                                400,
                                "invalid_parameter",
                                "connection_id must be 1 to 256 ASCII letters, digits and . _ : @ + = ~ -, was 'a/b'"),
                connection("connection_id with a NUL", "{\"integration\": \"fake\", \"connection_id\": \"a\\u0000b\"}")
                        .expect(400, "invalid_parameter", "was 'a\\u0000b'"),
                connection("connection_id with a newline", "{\"integration\": \"fake\", \"connection_id\": \"a\\nb\"}")
                        .expect(400, "invalid_parameter", "connection_id must be"),
                connection("connection_id in unicode", "{\"integration\": \"fake\", \"connection_id\": \"ünïcødé\"}")
                        .expect(400, "invalid_parameter", "connection_id must be"),
                connection(
                                "connection_id with an emoji",
                                "{\"integration\": \"fake\", \"connection_id\": \"a\uD83D\uDE00\"}")
                        .expect(400, "invalid_parameter", "connection_id must be"),
                connection(
                                "connection_id of 300 characters",
                                "{\"integration\": \"fake\", \"connection_id\": \"" + LONG + "\"}")
                        .expect(
                                400,
                                "invalid_parameter",
                                "connection_id is 300 characters long, over the limit of 256"),
                connection(
                                "connection_id just over the limit",
                                "{\"integration\": \"fake\", \"connection_id\": \"" + repeat('c', 257) + "\"}")
                        .expect(400, "invalid_parameter", "over the limit of 256"),
                connection("connection_id is a number", "{\"integration\": \"fake\", \"connection_id\": 5}")
                        .expect(400, "invalid_parameter", "connection_id must be a string, was a number"),
                connection("connection_id is an array", "{\"integration\": \"fake\", \"connection_id\": [\"a\"]}")
                        .expect(400, "invalid_parameter", "connection_id must be a string, was an array"),
                connection(
                                "credentials is a string",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"credentials\": \"t\"}")
                        .expect(
                                400,
                                "invalid_parameter",
                                "credentials must be an object of names to string values, was a string"),
                connection(
                                "credentials is an array",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"credentials\": []}")
                        .expect(400, "invalid_parameter", "credentials must be an object"),
                connection(
                                "empty credential value",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"credentials\": {\"token\": \"\"}}")
                        .expect(400, "invalid_parameter", "credentials.token is empty"),
                connection(
                                "blank credential value",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"credentials\": {\"token\": \"  \"}}")
                        .expect(400, "invalid_parameter", "credentials.token is empty"),
                connection(
                                "credential value is a number",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"credentials\": {\"token\": 42}}")
                        .expect(400, "invalid_parameter", "credentials.token must be a string, was a number"),
                connection(
                                "credential value is an object",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"credentials\": {\"token\": {}}}")
                        .expect(400, "invalid_parameter", "credentials.token must be a string, was an object"),
                connection(
                                "credential value is null",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"credentials\": {\"token\": null}}")
                        .expect(400, "invalid_parameter", "credentials.token must be a string, was null"),
                connection(
                                "credential with an empty name",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"credentials\": {\"\": \"x\"}}")
                        .expect(400, "invalid_parameter", "credentials has an empty name"),
                connection(
                                "OAuth2 expires_at of 'soon'",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"credentials\":"
                                        + " {\"access_token\": \"a\", \"expires_at\": \"soon\"}}")
                        .expect(
                                400,
                                "invalid_parameter",
                                "credentials.expires_at must be the token's expiry in epoch seconds"),
                connection(
                                "credentials over 16 KiB",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"credentials\": {\"token\": \""
                                        + repeat('t', 20_000) + "\"}}")
                        .expect(400, "invalid_parameter", "credentials is over the limit of 16384 bytes"),
                connection(
                                "metadata is a string",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"metadata\": \"m\"}")
                        .expect(400, "invalid_parameter", "metadata must be an object"),
                connection(
                                "metadata value is a number",
                                "{\"integration\": \"fake\", \"connection_id\": \"c\", \"metadata\": {\"region\": 1}}")
                        .expect(400, "invalid_parameter", "metadata.region must be a string"),
                connection(
                                "connection body just over 64 KiB",
                                "{\"integration\": \"fake\", \"connection_id\": \"" + repeat('c', 64 * 1024) + "\"}")
                        .expect(413, "request_too_large", "over the limit of 65536 bytes"),
                connection(
                                "a connection that exists already",
                                "{\"integration\": \"fake\", \"connection_id\": \"fake-conn\", \"credentials\": {\"token\": \"t\"}}")
                        .expect(409, "conflict", "fake-conn"),
                HttpCase.of("list connections with a Provider-Config-Key of 300 characters", "GET", "/connections")
                        .header("Provider-Config-Key", LONG)
                        .expect(400, "invalid_header", "Provider-Config-Key is 300 characters long"),
                HttpCase.of("rotate without credentials", "PUT", "/connections/fake/fake-conn")
                        .body("{}")
                        .expect(400, "missing_field", "credentials"),
                HttpCase.of("rotate to an empty credential", "PUT", "/connections/fake/fake-conn")
                        .body("{\"credentials\": {\"token\": \"\"}}")
                        .expect(400, "invalid_parameter", "credentials.token is empty"),
                HttpCase.of("rotate to an expires_at of 'soon'", "PUT", "/connections/fake/fake-conn")
                        .body("{\"credentials\": {\"access_token\": \"a\", \"expires_at\": \"soon\"}}")
                        .expect(400, "invalid_parameter", "credentials.expires_at"),
                HttpCase.of("rotate an unknown connection", "PUT", "/connections/fake/nobody")
                        .body("{\"credentials\": {\"token\": \"t\"}}")
                        .expect(404, "unknown_connection", "nobody"),
                HttpCase.of("rotate a connection id of 300 characters", "PUT", "/connections/fake/" + LONG)
                        .body("{\"credentials\": {\"token\": \"t\"}}")
                        .expect(400, "invalid_parameter", "connection id is 300 characters long"),
                HttpCase.of("delete a connection id with an encoded slash", "DELETE", "/connections/fake/a%2Fb")
                        .expect(400, "invalid_parameter", "connection id must be"),
                HttpCase.of("delete a connection id with an encoded NUL", "DELETE", "/connections/fake/a%00")
                        .expect(400, "invalid_parameter", "connection id must be"),
                HttpCase.of("delete an unknown connection", "DELETE", "/connections/fake/nobody")
                        .expect(404, "unknown_connection", "nobody"),
                HttpCase.of("delete under an integration of 300 characters", "DELETE", "/connections/" + LONG + "/c")
                        .expect(400, "invalid_parameter", "integration is 300 characters long"),
                HttpCase.of("delete with bad percent-encoding", "DELETE", "/connections/fake/%E0%A4%A")
                        .raw()
                        .expect(400, "invalid_parameter", "percent-encoding"),
                // The completion webhook
                webhook("webhook body is truncated JSON", "{").expect(400, "malformed_json", "not valid JSON"),
                webhook("webhook body is an array", "[]").expect(400, "invalid_webhook", "send {\"url\""),
                webhook("webhook body is empty", "").expect(400, "invalid_webhook", "send {\"url\""),
                webhook(
                                "webhook URL with a space",
                                "{\"url\": \"https://exa mple.com/hook\", \"secret\": \"whsec_" + SECRET + "\"}")
                        .expect(400, "egress_refused", "it is not a valid URL"),
                webhook(
                                "webhook URL is not http",
                                "{\"url\": \"ftp://example.com/hook\", \"secret\": \"whsec_" + SECRET + "\"}")
                        .expect(400, "egress_refused", "only http and https URLs are allowed"),
                webhook("webhook URL without a host", "{\"url\": \"http://\", \"secret\": \"whsec_" + SECRET + "\"}")
                        .expect(400, "egress_refused", "webhook url 'http://'"),
                webhook("webhook URL is a number", "{\"url\": 42, \"secret\": \"whsec_" + SECRET + "\"}")
                        .expect(400, "invalid_parameter", "url must be a string, was a number"),
                webhook(
                                "webhook URL of 3000 characters",
                                "{\"url\": \"https://example.com/" + repeat('h', 3000) + "\", \"secret\": \"whsec_"
                                        + SECRET + "\"}")
                        .expect(400, "invalid_parameter", "over the limit of 2048"),
                webhook("webhook without secret", "{\"url\": \"https://example.com/hook\"}")
                        .expect(400, "invalid_webhook", "whsec_"),
                webhook(
                                "webhook secret without prefix",
                                "{\"url\": \"https://example.com/hook\", \"secret\": \"plain\"}")
                        .expect(400, "invalid_webhook", "whsec_"),
                webhook(
                                "webhook secret not base64",
                                "{\"url\": \"https://example.com/hook\", \"secret\": \"whsec_!!!\"}")
                        .expect(400, "invalid_webhook", "base64"),
                webhook("webhook secret with no key", "{\"url\": \"https://example.com/hook\", \"secret\": \"whsec_\"}")
                        .expect(400, "invalid_webhook", "no key"),
                webhook("webhook body just over 16 KiB", "{\"url\": \"" + repeat('u', 16 * 1024) + "\"}")
                        .expect(413, "request_too_large", "over the limit of 16384 bytes"),
                // Deploys and dry runs with garbage
                deploy("deploy of garbage bytes", "", new byte[] {1, 2, 3, 4, 5, (byte) 0xff})
                        .expect(400, "invalid_bundle", "not a bundle jar"),
                deploy("deploy of an empty body", "", new byte[0]).expect(400, "invalid_bundle", "jar"),
                deploy(
                                "deploy of a zip header and garbage",
                                "",
                                "PK\u0003\u0004garbage".getBytes(StandardCharsets.ISO_8859_1))
                        .expect(400, "invalid_bundle", "jar"),
                deploy("deploy of JSON instead of a jar", "", "{\"bundle\": 1}".getBytes(StandardCharsets.UTF_8))
                        .expect(400, "invalid_bundle", "jar"),
                deploy("deploy with allow_breaking=maybe", "?allow_breaking=maybe", demoBundle)
                        .expect(400, "invalid_parameter", "allow_breaking must be true or false, was 'maybe'"),
                deploy("deploy with an integration of 300 characters", "?integration=" + LONG, demoBundle)
                        .expect(400, "invalid_parameter", "integration is 300 characters long"),
                deploy("deploy with an action of 300 characters", "?action=" + LONG, demoBundle)
                        .expect(400, "invalid_parameter", "action is 300 characters long"),
                deploy("deploy of an action the bundle lacks", "?action=no-such", demoBundle)
                        .expect(409, "deployment_conflict", "bundle 'demo' has no action named 'no-such'"),
                deploy("deploy without a key", "", demoBundle)
                        .header("Authorization", null)
                        .expect(401, "missing_auth", "Bearer"),
                rollback("rollback body is truncated JSON", "{").expect(400, "malformed_json", "not valid JSON"),
                rollback("rollback body is an array", "[]").expect(400, "malformed_json", "must be a JSON object"),
                rollback("rollback body is empty", "").expect(400, "malformed_json", "must be a JSON object"),
                rollback("rollback without action", "{}").expect(400, "missing_field", "action"),
                rollback("rollback action is a number", "{\"action\": 42}")
                        .expect(400, "invalid_parameter", "action must be a string, was a number"),
                rollback("rollback action of 300 characters", "{\"action\": \"" + LONG + "\"}")
                        .expect(400, "invalid_parameter", "over the limit of 129"),
                rollback("rollback of an unknown action", "{\"action\": \"nope/nope\"}")
                        .expect(409, "deployment_conflict", "no action 'nope/nope' is live in dev"),
                rollback("rollback to 'abc'", "{\"action\": \"fake/sleepy\", \"to\": \"abc\"}")
                        .expect(
                                400,
                                "invalid_parameter",
                                "to must be a deployment version, a whole number from 1, was \"abc\""),
                rollback("rollback to -1", "{\"action\": \"fake/sleepy\", \"to\": -1}")
                        .expect(400, "invalid_parameter", "was -1"),
                rollback("rollback to 1.5", "{\"action\": \"fake/sleepy\", \"to\": 1.5}")
                        .expect(400, "invalid_parameter", "was 1.5"),
                rollback("rollback to a huge version", "{\"action\": \"fake/sleepy\", \"to\": 99999999999}")
                        .expect(400, "invalid_parameter", "to must be a deployment version"),
                rollback("rollback to a version that never was", "{\"action\": \"demo/echo\", \"to\": 999}")
                        .expect(409, "deployment_conflict", "has no version 999"),
                rollback("rollback of an action deployed without a stored jar", "{\"action\": \"fake/sleepy\"}")
                        .expect(409, "deployment_conflict", "has no stored versions"),
                dryrun("dry run body is truncated JSON", "{").expect(400, "malformed_json", "not valid JSON"),
                dryrun("dry run body is a string", "\"x\"").expect(400, "malformed_json", "must be a JSON object"),
                dryrun("dry run without bundle", "{\"action\": \"echo\"}").expect(400, "missing_field", "bundle"),
                dryrun("dry run bundle not base64", "{\"bundle\": \"!!!\", \"action\": \"echo\"}")
                        .expect(400, "invalid_parameter", "bundle must be the jar in base64"),
                dryrun(
                                "dry run bundle of garbage",
                                "{\"bundle\": \"" + Base64.getEncoder().encodeToString(new byte[] {9, 9, 9})
                                        + "\", \"action\": \"echo\"}")
                        .expect(400, "invalid_bundle", "jar"),
                dryrun(
                                "dry run without action",
                                "{\"bundle\": \"" + Base64.getEncoder().encodeToString(demoBundle) + "\"}")
                        .expect(400, "missing_field", "action"),
                dryrun(
                                "dry run with a connection id with a slash",
                                "{\"bundle\": \"" + Base64.getEncoder().encodeToString(demoBundle)
                                        + "\", \"action\": \"echo\", \"connection_id\": \"a/b\"}")
                        .expect(400, "invalid_parameter", "connection_id must be"),
                dryrun(
                                "dry run of an action the bundle lacks",
                                "{\"bundle\": \"" + Base64.getEncoder().encodeToString(demoBundle)
                                        + "\", \"action\": \"no-such\", \"connection_id\": \"demo\"}")
                        .expect(409, "deployment_conflict", "bundle 'demo' has no action named 'no-such'"),
                HttpCase.of("undeploy an unknown bundle", "DELETE", "/admin/bundles/nope")
                        .expect(404, "unknown_bundle", "nope"),
                HttpCase.of("undeploy a bundle name of 300 characters", "DELETE", "/admin/bundles/" + LONG)
                        .expect(400, "invalid_parameter", "over the limit of 128"));
    }

    static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    static HttpCase connection(String name, String body) {
        return HttpCase.of(name, "POST", "/connections").body(body);
    }

    static HttpCase webhook(String name, String body) {
        return HttpCase.of(name, "PUT", "/webhook").body(body);
    }

    static HttpCase deploy(String name, String query, byte[] jar) {
        return HttpCase.of(name, "POST", "/admin/deploy" + query)
                .header("Content-Type", "application/java-archive")
                .body(jar);
    }

    static HttpCase rollback(String name, String body) {
        return HttpCase.of(name, "POST", "/admin/rollback").body(body);
    }

    static HttpCase dryrun(String name, String body) {
        return HttpCase.of(name, "POST", "/admin/dryrun").body(body);
    }

    @Order(1)
    @ParameterizedTest(name = "trigger API: {0}")
    @MethodSource("triggerCases")
    @Timeout(30)
    void trigger_api_refuses_bad_input_precisely(HttpCase bad) throws Exception {
        assertRefused(bad);
    }

    @Order(1)
    @ParameterizedTest(name = "admin API: {0}")
    @MethodSource("adminCases")
    @Timeout(30)
    void admin_api_refuses_bad_input_precisely(HttpCase bad) throws Exception {
        assertRefused(bad);
    }

    static void assertRefused(HttpCase bad) throws Exception {
        var response = bad.raw ? RawSocketHttp.send(server.baseUrl(), bad) : RawSocketHttp.Answer.of(send(bad));
        var body = response.body();

        assertThat(response.status()).as(body).isEqualTo(bad.status);
        BadInput.assertNoLeak(body);
        if (bad.code != null) {
            var error = Json.MAPPER.readTree(body).path("error");
            assertThat(error.path("code").asString()).as(body).isEqualTo(bad.code);
            assertThat(error.path("message").asString()).as(body).contains(bad.mentions);
            if (bad.pointer != null) {
                assertThat(error.at("/violations/0/pointer").asString())
                        .as(body)
                        .isEqualTo(bad.pointer);
            }
        } else {
            assertThat(body).contains(bad.mentions);
        }
    }

    @Test
    @Order(1)
    @Timeout(30)
    void a_connection_id_with_an_at_sign_is_created_then_deleted_by_its_encoded_path() throws Exception {
        var id = "user+1@example.com";
        var created = send(HttpCase.of("create", "POST", "/connections")
                .body("{\"integration\": \"fake\", \"connection_id\": \"" + id
                        + "\", \"credentials\": {\"token\": \"t\"}}"));
        var path = "/connections/fake/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        var deleted = send(HttpCase.of("delete", "DELETE", path));
        var again = send(HttpCase.of("delete again", "DELETE", path));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(deleted.body()).path("deleted").asString())
                .isEqualTo(id);
        assertThat(again.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(1)
    @Timeout(30)
    void an_idempotency_key_at_the_limit_is_accepted() throws Exception {
        var response = send(HttpCase.trigger("at the limit", ECHO).header("Idempotency-Key", repeat('k', 256)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    @Order(2)
    @Timeout(30)
    void the_server_still_serves_after_all_the_bad_input() throws Exception {
        var response = send(HttpCase.trigger("good", ECHO));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(response.body()).path("message").asString())
                .isEqualTo("hi");
    }

    static HttpResponse<String> send(HttpCase request) throws Exception {
        return http.send(request.request(server.baseUrl()), HttpResponse.BodyHandlers.ofString());
    }
}
