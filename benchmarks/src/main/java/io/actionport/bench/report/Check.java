package io.actionport.bench.report;

/**
 * One performance target of DESIGN.md against what this run measured.
 *
 * @param target the target as DESIGN.md states it
 * @param measured the figure measured, in words
 * @param ratio the ratio to the reference or limit, in words
 * @param verdict {@code met}, {@code not met} or {@code not measured}
 */
public record Check(String target, String measured, String ratio, String verdict) {}
