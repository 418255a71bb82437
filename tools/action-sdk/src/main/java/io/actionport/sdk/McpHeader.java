package io.actionport.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Mirrors an input field (a string, integer or boolean at the top level of the input) in an HTTP
 * header, MCP's {@code x-mcp-header}: stateless MCP clients then also send the value as
 * {@code Mcp-Param-<name>}, so gateways can route on it without reading the body, and the server
 * refuses a request whose header and body disagree.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface McpHeader {

    /** The header's name after {@code Mcp-Param-}, e.g. {@code Region}: letters, digits and '-'. */
    String value();
}
