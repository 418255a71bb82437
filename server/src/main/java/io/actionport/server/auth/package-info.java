/** Who is calling: environment secret keys checked on every API and MCP request. */
package io.actionport.server.auth;
