package io.actionport.server.schema;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import tools.jackson.databind.node.ObjectNode;

/** Compiles draft 2020-12 schemas with the networknt validator, reporting locations as JSON pointers. */
public final class JsonSchemaCompiler {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .formatAssertionsEnabled(true)
                    .build()));

    public CompiledSchema compile(ObjectNode schema) {
        return new CompiledSchema(schema, registry.getSchema(schema));
    }
}
