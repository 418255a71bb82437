/** How a server is configured: data directory, database, address, keys. */
package io.actionport.server.config;
