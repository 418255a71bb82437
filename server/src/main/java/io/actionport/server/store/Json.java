package io.actionport.server.store;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the server, and the few conversions stores need. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private Json() {}

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static Map<String, String> readStringMap(String json) {
        return MAPPER.readValue(json, STRING_MAP);
    }
}
