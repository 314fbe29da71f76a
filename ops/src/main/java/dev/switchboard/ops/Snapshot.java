package dev.switchboard.ops;

import java.util.Map;

/**
 * One second of the server, as the dashboard draws it. Rates are over the second before
 * {@code time}; totals are since start, the same numbers {@code /metrics} reports. Connections
 * refused and closed are totals by reason ({@code max_connections}, {@code header_timeout}, ...).
 * {@code tasks} is the task ledger (created, completed, failed, cancelled, expired, running), empty
 * when the server runs no task engine.
 * With {@code performance.autotune} on, {@code admissionLimits} has each subsystem's adaptive limit,
 * {@code limitChanges} and {@code limitRollbacks} their totals and {@code recentLimitChanges} the
 * last five, newest first, in words.
 * {@code cluster} is what a cluster node reports ({@code nodes}: name → sessions; {@code taskRedeliveries},
 * {@code taskQueuePending}, {@code taskQueueAckPending}, {@code unreadableMessages}), empty on a single node.
 * {@code agents} is one map per agent behind the gateway (see {@link Operations#showAgents}), empty without agents.
 */
record Snapshot(long time, double requestsPerSecond, double p50Ms, double p95Ms, double p99Ms, double errorsPerSecond,
                long totalRequests, long totalErrors, int inFlight, Map<String, Long> queueDepths, long dropped,
                int sessions, long sseStreams, long heapUsedBytes, long heapMaxBytes, double cpu, double bytesInPerSecond,
                double bytesOutPerSecond, Map<String, Long> connectionsRefused, Map<String, Long> connectionsClosed,
                Map<String, Long> tasks,
                Map<String, Integer> admissionLimits, long limitChanges, long limitRollbacks, java.util.List<String> recentLimitChanges,
                Map<String, Object> cluster, java.util.List<Map<String, Object>> agents) {}
