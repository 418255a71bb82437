package io.actionport.server.schema;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compiles draft 2020-12 schemas with the networknt validator, reporting locations as JSON
 * pointers. MCP's {@code x-mcp-header} and elicitation forms' legacy {@code enumNames} annotate a
 * field and assert nothing.
 */
public final class JsonSchemaCompiler {

    private static final Dialect DRAFT_2020_12_WITH_MCP = Dialect.builder(Dialects.getDraft202012())
            .keyword(new NonValidationKeyword("x-mcp-header"))
            .keyword(new NonValidationKeyword("enumNames"))
            .build();

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            DRAFT_2020_12_WITH_MCP,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .formatAssertionsEnabled(true)
                    .build()));

    public CompiledSchema compile(ObjectNode schema) {
        return new CompiledSchema(schema, registry.getSchema(schema));
    }
}
