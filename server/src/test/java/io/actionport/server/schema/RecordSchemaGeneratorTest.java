package io.actionport.server.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.sdk.Default;
import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import io.actionport.sdk.Optional;
import io.actionport.server.store.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordSchemaGeneratorTest {

    enum Priority {
        low,
        high
    }

    record Label(String name) {}

    @Description("A new ticket.")
    record Ticket(
            @Description("What is wrong.") String title,
            @Optional @Default("\"low\"") Priority priority,
            @Optional @Format("uri") String link,
            List<Label> labels) {}

    private final RecordSchemaGenerator generator = new RecordSchemaGenerator();
    private final JsonSchemaCompiler compiler = new JsonSchemaCompiler();

    @Test
    void required_descriptions_enums_formats_and_defaults_come_from_the_record() {
        var schema = generator.generate(Ticket.class);

        assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("description").asString()).isEqualTo("A new ticket.");
        assertThat(schema.get("required").toString()).isEqualTo("[\"labels\",\"title\"]");
        assertThat(schema.at("/properties/title/description").asString()).isEqualTo("What is wrong.");
        // An optional enum may also be null: the enum is one branch of an anyOf with null.
        assertThat(schema.at("/properties/priority/anyOf/1/enum").toString()).isEqualTo("[\"low\",\"high\"]");
        assertThat(schema.at("/properties/priority/default").asString()).isEqualTo("low");
        assertThat(schema.at("/properties/link/format").asString()).isEqualTo("uri");
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(schema.has("$defs")).isFalse();
    }

    @Test
    void validation_reports_every_violation_with_its_pointer() {
        var schema = compiler.compile(generator.generate(Ticket.class));

        var violations = schema.validate(
                Json.MAPPER.readTree("{\"priority\":\"urgent\",\"labels\":[{\"name\":3}],\"extra\":true}"));

        assertThat(violations)
                .extracting(Violation::pointer)
                .containsOnly("/title", "/priority", "/labels/0/name", "/extra");
    }

    @Test
    void optional_fields_accept_null() {
        var schema = compiler.compile(generator.generate(Ticket.class));

        assertThat(schema.validate(Json.MAPPER.readTree("{\"title\":\"t\",\"priority\":null,\"labels\":[]}")))
                .isEmpty();
    }
}
