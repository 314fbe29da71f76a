package dev.switchboard.agents;

/**
 * One member (one process or session) of an agent as the dashboard sees it.
 *
 * @param agent       the agent's name
 * @param id          the member's number within its agent (a replaced member gets a new number)
 * @param outstanding calls given to the member and not yet answered
 * @param calls       requests the member has been given since it started (tool calls, and the gateway's own listings)
 * @param circuit     its circuit breaker's state: CLOSED, OPEN, HALF_OPEN (or another resilience4j state name)
 * @param alive       false once the member died and awaits replacement
 * @param meanMicros  mean time of the forwarded calls it answered, µs (0 before its first)
 */
public record MemberStatus(String agent, int id, int outstanding, long calls, String circuit, boolean alive, double meanMicros) {

    static MemberStatus of(Member m) {
        long n = m.answered.sum();
        return new MemberStatus(m.agent, m.id, m.outstanding.get(), m.calls.get(), m.breaker.getState().name(), !m.dead(),
                n == 0 ? 0 : m.answeredNanos.sum() / 1e3 / n);
    }
}
