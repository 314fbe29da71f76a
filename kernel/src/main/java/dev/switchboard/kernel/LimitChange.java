package dev.switchboard.kernel;

/**
 * One change of an {@link AdaptiveLimit}: applied from the algorithm's proposal, or a rollback to
 * the last good limit. Logged, counted on {@code /metrics} and listed on the dashboard.
 *
 * @param limitName   what the limit guards (a subsystem's name, an agent's)
 * @param rollback    whether the guard put the last good limit back
 * @param from        the limit before
 * @param to          the limit after
 * @param p99Millis   the judged window's p99 latency
 * @param errorRate   the judged window's share of failed or dropped calls
 * @param reason      why, in words
 * @param atMillis    when (epoch milliseconds)
 */
public record LimitChange(String limitName, boolean rollback, int from, int to, double p99Millis, double errorRate, String reason, long atMillis) {}
