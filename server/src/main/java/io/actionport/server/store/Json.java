package io.actionport.server.store;

import java.util.Map;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the server, and the few conversions stores need. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * The mapper for what callers send (request bodies, MCP messages): a key repeated in one
     * object is refused, since which of its values counts would be a guess.
     */
    public static final JsonMapper REQUESTS = MAPPER.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private Json() {}

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static Map<String, String> readStringMap(String json) {
        return MAPPER.readValue(json, STRING_MAP);
    }
}
