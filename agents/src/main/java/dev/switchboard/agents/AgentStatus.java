package dev.switchboard.agents;

/**
 * One agent as /ready, /metrics and the benchmark see it.
 *
 * @param name        the agent's name
 * @param members     live members now
 * @param inFlight    calls running on its members now
 * @param queued      calls waiting for a member now
 * @param restarts    members lost and replaced so far
 * @param failovers   calls retried on another member after theirs died
 * @param refused     calls refused because the queue was full
 * @param calls       calls answered
 * @param meanMicros  mean time of an answered call, in microseconds
 * @param openCircuits members whose circuit breaker is open now (calls avoid them)
 * @param failure     why the agent has no member (it is being retried), or null
 * @param oversizedAnswers   messages from the agent refused for passing its maxMessageBytes
 * @param unreadableAnswers  messages from the agent refused for not being JSON-RPC (garbage lines, non-JSON bodies)
 * @param ready              whether the agent can take calls now: the pool's own rule ({@code AgentPool.ready()}: a
 *                           member, and the start-up warm-up of its call path ended), not a second copy of it here,
 *                           which had drifted ("has a member") and made /ready say ready during the warm-up
 */
public record AgentStatus(String name, int members, long inFlight, int queued, long restarts, long failovers, long refused, long calls,
                          double meanMicros, int openCircuits, String failure, long oversizedAnswers, long unreadableAnswers, boolean ready) {

    static AgentStatus of(AgentPool p) {
        long calls = p.counters.calls.sum();
        boolean ready = p.ready();
        return new AgentStatus(p.spec.name(), p.members.size(), p.counters.inFlight.sum(), p.queued(), p.counters.restarts.get(),
                p.counters.failovers.get(), p.counters.refused.get(), calls, calls == 0 ? 0 : p.counters.callNanos.sum() / 1000.0 / calls,
                p.openCircuits(), ready ? null : p.failure(), p.counters.oversized.get(), p.counters.unreadable.get(), ready);
    }
}
