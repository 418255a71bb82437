/** The HTTP door: Nango-compatible trigger and status endpoints, execution views, catalog and admin. */
package io.actionport.server.http;
