package io.actionport.server.schema;

import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import io.actionport.sdk.Default;
import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import io.actionport.sdk.McpHeader;
import io.actionport.sdk.Optional;
import io.actionport.server.store.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates a draft 2020-12 JSON Schema from an action's input or output record.
 *
 * <p>Every record component is required unless marked {@link Optional}; optional ones also accept
 * {@code null}, since models often send it for "not given". Unknown properties are forbidden so a
 * misspelt field is reported instead of ignored. Schemas are inlined, without {@code $defs}, as
 * several MCP clients and model APIs do not follow references.
 */
public final class RecordSchemaGenerator {

    private final SchemaGenerator generator;

    public RecordSchemaGenerator() {
        var config = new SchemaGeneratorConfigBuilder(Json.MAPPER, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.INLINE_ALL_SCHEMAS)
                .with(Option.SCHEMA_VERSION_INDICATOR, Option.FLATTENED_ENUMS);
        config.forFields()
                .withInstanceAttributeOverride((attributes, field, context) -> {
                    var header = annotation(field, McpHeader.class);
                    if (header != null) {
                        attributes.put("x-mcp-header", header.value());
                    }
                })
                .withRequiredCheck(field -> annotation(field, Optional.class) == null)
                .withNullableCheck(field -> annotation(field, Optional.class) != null ? Boolean.TRUE : null)
                .withDescriptionResolver(field -> {
                    var description = annotation(field, Description.class);
                    return description == null ? null : description.value();
                })
                .withStringFormatResolver(field -> {
                    var format = annotation(field, Format.class);
                    return format == null ? null : format.value();
                })
                .withDefaultResolver(field -> {
                    var value = annotation(field, Default.class);
                    return value == null ? null : Json.MAPPER.readValue(value.value(), Object.class);
                });
        config.forTypesInGeneral().withDescriptionResolver(scope -> {
            var description = scope.getType().getErasedType().getAnnotation(Description.class);
            return description == null ? null : description.value();
        });
        this.generator = new SchemaGenerator(config.build());
    }

    /** The schema of a record type; always an object schema. */
    public ObjectNode generate(Class<?> recordType) {
        if (!recordType.isRecord()) {
            throw new IllegalArgumentException(
                    recordType.getName() + " must be a record: action inputs and outputs are records");
        }
        return generator.generateSchema(recordType);
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(FieldScope field, Class<A> type) {
        return field.getAnnotationConsideringFieldAndGetter(type);
    }
}
