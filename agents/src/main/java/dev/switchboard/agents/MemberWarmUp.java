package dev.switchboard.agents;

import java.util.concurrent.TimeUnit;

/** The pool's pre-warm of each new member: see {@link #run}. */
final class MemberWarmUp {
    private MemberWarmUp() {}

    /**
     * Harmless requests to a new member, several rounds, so that neither the member's connection
     * nor the agent process meets a client's first call cold: {@code ping} (its answer read as a
     * forwarded result is, raw) and {@code tools/call} of a tool that cannot exist (the agent
     * parses it, looks the tool up and answers an error; nothing of its runs). Each process
     * compiles its own code (Node's JIT too), so every member gets its own rounds. Bounded by
     * {@link #ROUNDS} and {@link #BUDGET_NANOS}; returns how many were sent.
     */
    static int run(Member m) {
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int sent = 0;
        for (int i = 0; i < ROUNDS && System.nanoTime() < deadline; i++) {
            try {
                sent++;
                m.client.callTool(TOOL, (tools.jackson.databind.node.ObjectNode) null, null, dev.switchboard.mcp.codec.RawResult.class);
            } catch (RuntimeException expected) {
                // an unknown tool's JSON-RPC error (or an isError result): what the warm-up came for is done either way
            }
            try {
                sent++;
                m.client.request(dev.switchboard.mcp.protocol.McpMethods.PING, dev.switchboard.mcp.protocol.Params.Empty.INSTANCE,
                        dev.switchboard.mcp.codec.RawResult.class);
            } catch (RuntimeException e) {
                return sent; // an agent that does not answer ping: its health checks will say so
            }
        }
        return sent;
    }

    static final int ROUNDS = 10;
    static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** The name warm-up calls; no server offers it ('/' and the prefix keep it out of real catalogues). */
    static final String TOOL = "switchboard/warm-up-no-such-tool";
}
