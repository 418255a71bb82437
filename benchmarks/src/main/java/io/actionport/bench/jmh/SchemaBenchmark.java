package io.actionport.bench.jmh;

import io.actionport.sdk.Default;
import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import io.actionport.sdk.Optional;
import io.actionport.server.schema.CompiledSchema;
import io.actionport.server.schema.JsonSchemaCompiler;
import io.actionport.server.schema.RecordSchemaGenerator;
import io.actionport.server.store.Json;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Compiling an input schema (what a deploy does once) against validating with the compiled one (every call). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SchemaBenchmark {

    public enum IssueState {
        OPEN,
        CLOSED
    }

    /** An input shaped like a typical write action's. */
    public record IssueInput(
            @Description("One-line summary.") String title,
            @Optional @Description("Longer text.") String body,
            @Optional @Default("\"OPEN\"") IssueState state,
            @Optional @Format("uri") String link,
            @Optional List<String> labels) {}

    private final JsonSchemaCompiler compiler = new JsonSchemaCompiler();
    private ObjectNode schema;
    private CompiledSchema compiled;
    private JsonNode valid;
    private JsonNode invalid;

    @Setup
    public void setUp() {
        schema = new RecordSchemaGenerator().generate(IssueInput.class);
        compiled = compiler.compile(schema);
        valid = Json.MAPPER.readTree(
                "{\"title\":\"Checkout fails\",\"body\":\"On Safari\",\"state\":\"OPEN\",\"link\":\"https://example.com/1\","
                        + "\"labels\":[\"bug\",\"web\"]}");
        invalid = Json.MAPPER.readTree("{\"body\":7,\"state\":\"LOST\",\"extra\":true}");
    }

    @Benchmark
    public CompiledSchema compile_schema() {
        return compiler.compile(schema);
    }

    @Benchmark
    public Object validate_valid_with_cached_schema() {
        return compiled.validate(valid);
    }

    @Benchmark
    public Object validate_invalid_with_cached_schema() {
        return compiled.validate(invalid);
    }
}
