package io.actionport.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.StoreException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @Test
    void a_database_failure_reaches_the_caller_as_an_error_id_without_sql() {
        var failure = new StoreException(
                "INSERT INTO idempotency_keys (environment, idempotency_key) VALUES (?, ?)",
                new SQLException(
                        "Value too long for column \"IDEMPOTENCY_KEY CHARACTER VARYING(256)\"", "22001", 22001));

        var error = ApiErrors.of(failure);

        var body = error.body().toString();
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.body().at("/error/code").asString()).isEqualTo("store_error");
        var errorId = error.body().at("/error/error_id").asString();
        assertThat(errorId).matches("E-[0-9a-f]{8}");
        assertThat(error.body().at("/error/message").asString())
                .isEqualTo("the server's database failed (error id " + errorId + "); the server log has the details");
        assertThat(body).doesNotContain("INSERT").doesNotContain("VARYING").doesNotContain("22001");
    }

    @Test
    void an_unexpected_failure_is_an_internal_error_with_an_error_id() {
        var error = ApiErrors.of(new NullPointerException("Cannot invoke \"String.length()\" because \"s\" is null"));

        assertThat(error.status()).isEqualTo(500);
        assertThat(error.body().at("/error/code").asString()).isEqualTo("internal_error");
        assertThat(error.body().at("/error/message").asString())
                .startsWith("the server failed unexpectedly (error id E-")
                .doesNotContain("String.length");
    }
}
