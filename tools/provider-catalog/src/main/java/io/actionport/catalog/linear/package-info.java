/**
 * Linear actions over its GraphQL API (integration key {@code linear}, base URL {@code
 * https://api.linear.app}, auth scheme {@code api_key_header} with auth name {@code Authorization}
 * and the personal API key in credential {@code api_key}; or {@code bearer} with an OAuth token).
 */
package io.actionport.catalog.linear;
