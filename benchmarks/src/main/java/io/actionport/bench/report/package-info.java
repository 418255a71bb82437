/** The results of a run: rows, micro-benchmarks, checks against the design's targets, and their Markdown and JSON. */
package io.actionport.bench.report;
