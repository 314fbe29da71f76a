package dev.switchboard.agents;

import dev.switchboard.client.McpClientException;
import dev.switchboard.kernel.AdaptiveLimit;
import dev.switchboard.mcp.Context;
import dev.switchboard.mcp.McpException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;

/*
 * One forwarded request, with failover. Why the rules are what they are: a member that dies
 * mid-call may or may not have done the work, so only work that is safe to repeat (a tool marked
 * readOnlyHint or idempotentHint, an agent configured with retry, or a read such as resources/read
 * and prompts/get) is sent to another member; anything else ends with an error that names the agent
 * and says why it was not retried. A timeout is never retried: the work may still be running.
 * A member found gone before the request reached it (its client closed, its stdin or its HTTP
 * connection refused: McpClientException.notSent) did nothing, so any call goes to another member;
 * without this, a member that died idle failed the unsafe calls sent to it until its next ping.
 * A JSON-RPC error from the agent is its answer and is passed on unchanged. An answer refused
 * unread (over the agent's maxMessageBytes, or not JSON-RPC) is not retried even for a safe tool:
 * the agent answered, deterministically as far as we can tell, and the same request on another
 * member would most likely bring the same answer, at the price of another member's time (and,
 * for a stdio line that never ends, another member). The member stays: a too-long stdio line is
 * skipped to its end, so its stream is still in step, and an HTTP body is refused on its own.
 */
final class AgentCall {
    /** The work done on a member; {@code what} names it in errors, e.g. "tools/call 'echo'". */
    @FunctionalInterface
    interface Work {
        Object run(Member member) throws Exception;
    }

    private static final int MAX_ATTEMPTS = 3;

    private AgentCall() {}

    static Object run(AgentPool pool, Context context, String what, boolean safe, Work work) throws Exception {
        String agent = pool.spec.name();
        boolean mayRetry = safe || pool.spec.retry();
        Set<Member> tried = new HashSet<>();
        String session = Member.clientSession(context); // stateless requests share one session object: they pin nothing
        int priority = priority(context.meta(), pool.spec.priority());
        long arrived = System.nanoTime(); // timeoutMs bounds the whole call: its wait for a member, each attempt
        for (int attempt = 1; ; attempt++) {
            Member m = pool.acquire(session, priority, tried);
            tried.add(m);
            m.enter(context);
            pool.counters.inFlight.increment();
            long start = System.nanoTime();
            AdaptiveLimit.Result outcome = AdaptiveLimit.Result.ERROR; // until it answers
            // at the agent's timeoutMs the thread is interrupted: the client then sends notifications/cancelled to the agent
            long left = pool.spec.timeoutMs() - (System.nanoTime() - arrived) / 1_000_000;
            CallDeadlines.Armed deadline = CallDeadlines.arm(Math.max(1, left));
            if (attempt > 1) pool.counters.lastRetrySentNanos = start;
            try {
                Object result = work.run(m);
                outcome = AdaptiveLimit.Result.SUCCESS;
                long took = System.nanoTime() - start; // one clock read for the breaker, the pool's and the member's latency
                m.breaker.onSuccess(took, java.util.concurrent.TimeUnit.NANOSECONDS);
                pool.counters.calls.increment();
                pool.counters.callNanos.add(took);
                m.answered.increment();
                m.answeredNanos.add(took);
                return result;
            } catch (McpException e) {
                outcome = AdaptiveLimit.Result.SUCCESS; // the agent answered, with an error of its own
                m.breaker.onSuccess(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                throw e.isCallError() ? e : McpException.callError(e.error()); // the agent's own JSON-RPC error is its answer
            } catch (CancellationException e) {
                boolean timedOut = deadline.fired();
                outcome = timedOut ? AdaptiveLimit.Result.DROPPED : AdaptiveLimit.Result.IGNORED;
                if (timedOut) {
                    Thread.interrupted(); // our own deadline, not the client's cancellation
                    m.breaker.onError(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS, e);
                    throw timeout(pool, what);
                }
                throw new InterruptedException("cancelled: " + what + " on agent '" + agent + "'");
            } catch (McpClientException e) {
                // too large is an answer (to this request), like the agent's own error; anything else counts against the member
                if (e.reason() == McpClientException.Reason.TOO_LARGE) m.breaker.onSuccess(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                else m.breaker.onError(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS, e);
                switch (e.reason()) {
                    case TIMEOUT -> {
                        outcome = AdaptiveLimit.Result.DROPPED;
                        throw timeout(pool, what);
                    }
                    case TOO_LARGE -> throw AgentErrors.fail(AgentErrors.ANSWER_REFUSED, "agent '" + agent + "' answered " + what
                            + " with a message over its limit (maxMessageBytes " + pool.spec.maxMessageBytes() + "): " + AgentPool.describe(e)
                            + "; not retried, the same request would most likely get the same answer");
                    case PROTOCOL -> throw AgentErrors.fail(AgentErrors.ANSWER_REFUSED, "agent '" + agent + "' answered " + what
                            + " with something that is not its JSON-RPC response: " + AgentPool.describe(e) + "; not retried");
                    case HTTP_STATUS -> throw AgentErrors.fail(AgentErrors.MEMBER_LOST, "agent '" + agent + "' failed " + what + ": "
                            + AgentPool.describe(e));
                    case CLOSED -> {
                        if (e.notSent()) { // gone before this call reached it (died idle, since its last ping): any call may go elsewhere
                            pool.lost(m, "found gone when " + what + " was sent, before the agent could read it: " + AgentPool.describe(e));
                            if (attempt >= MAX_ATTEMPTS)
                                throw AgentErrors.fail(AgentErrors.MEMBER_LOST, "agent '" + agent + "': " + what + " could not be sent: "
                                        + attempt + " members were gone: " + AgentPool.describe(e));
                            pool.counters.failovers.incrementAndGet();
                            continue;
                        }
                        pool.lost(m, "died during " + what + ": " + AgentPool.describe(e));
                        if (!mayRetry)
                            throw AgentErrors.fail(AgentErrors.MEMBER_LOST, "agent '" + agent + "': the member running " + what
                                    + " died before answering; not retried because the tool is not marked idempotentHint or readOnlyHint"
                                    + " and the agent's retry is off, so it may have done part of its work");
                        if (attempt >= MAX_ATTEMPTS)
                            throw AgentErrors.fail(AgentErrors.MEMBER_LOST, "agent '" + agent + "': " + what + " failed on " + attempt
                                    + " members, each died before answering: " + AgentPool.describe(e));
                        pool.counters.failovers.incrementAndGet();
                    }
                }
            } finally {
                if (deadline.disarm()) Thread.interrupted(); // it fired (maybe after the answer): the interrupt was ours, clear it
                pool.counters.inFlight.decrement();
                m.exit(context);
                pool.release(m, start, outcome);
            }
        }
    }

    /** Starts the deadline thread and links its classes before the first call needs them. */
    static void warmDeadlines() {
        CallDeadlines.warm();
    }

    /**
     * The queue priority of a call: {@code _meta["io.switchboard/priority"]} when the client set
     * it (an integer, higher first), else the agent's configured {@code priority}.
     *
     * @throws McpException invalid params when the key holds anything but an integer
     */
    static int priority(tools.jackson.databind.node.ObjectNode meta, int configured) {
        tools.jackson.databind.JsonNode p = meta == null ? null : meta.get(PRIORITY_KEY);
        if (p == null || p.isNull()) return configured;
        if (!p.isIntegralNumber() || !p.canConvertToInt())
            throw McpException.invalidParams("_meta[\"" + PRIORITY_KEY + "\"] must be an integer (higher is served first), was " + p);
        return p.asInt();
    }

    /** The {@code _meta} key a client sets a call's queue priority with. */
    static final String PRIORITY_KEY = "io.switchboard/priority";

    private static McpException timeout(AgentPool pool, String what) {
        return AgentErrors.fail(AgentErrors.TIMEOUT, "agent '" + pool.spec.name() + "' did not answer " + what + " within "
                + pool.spec.timeoutMs() + " ms (timeoutMs, counted from the call's arrival, its wait for a member included);"
                + " the agent was told to cancel it, and it is not retried");
    }
}
