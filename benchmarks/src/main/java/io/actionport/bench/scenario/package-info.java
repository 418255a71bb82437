/** The scenarios of the benchmark issue, each adding rows to the report. */
package io.actionport.bench.scenario;
