package dev.switchboard.agents;

/**
 * A remembered call similar to the work asked about.
 *
 * @param pattern the call
 * @param score   similarity in [0, 1], higher is closer
 */
public record PatternMatch(PatternRecord pattern, float score) {}
