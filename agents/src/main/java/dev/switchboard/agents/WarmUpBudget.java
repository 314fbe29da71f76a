package dev.switchboard.agents;

import java.util.Arrays;

/*
 * When the gateway's start-up warm-up may stop calling. Why not a fixed count: measured on fresh
 * gateway JVMs (FirstCallStages), after 3 warm-up calls per era the first client call still took
 * 5-7x a warm one and the second 2.5-4x: the path was linked but still interpreted, and how many
 * calls the JIT needs depends on the machine. So calls go on until their time stops falling (the
 * median of the last WINDOW calls no faster than SETTLED of the WINDOW before), and never past the
 * time budget (start-up stays quick; /ready waits for it) or MAX_CALLS. The test starts only after
 * the calls asked for (MIN_CALLS by default): interpreted calls take the same time each until
 * HotSpot compiles a method once it ran 200 times (Tier3InvocationThreshold), so a plateau before
 * that is no sign of a warm path; the benchmark's "warm" is a path 170-370 calls old.
 */
final class WarmUpBudget {
    static final int WINDOW = 16, MIN_CALLS = 256, MAX_CALLS = 5_000;
    /** The last window's median over the one before it at which per-call time counts as settled. */
    static final double SETTLED = 0.9;

    private final long deadline;
    private final int minCalls;
    private final long[] recent = new long[2 * WINDOW];
    private int calls;

    /** At most {@code budgetNanos} from now; settling is judged after {@code minCalls} calls (at least two windows). */
    WarmUpBudget(long budgetNanos, int minCalls) {
        this.deadline = System.nanoTime() + budgetNanos;
        this.minCalls = Math.max(2 * WINDOW, minCalls);
    }

    /** Records one call's time; true while the loop should go on. */
    boolean another(long callNanos) {
        recent[calls++ % recent.length] = callNanos;
        return calls < MAX_CALLS && System.nanoTime() < deadline && !settled();
    }

    /** Whether per-call time stopped falling (judged once the calls asked for are done). */
    boolean settled() {
        if (calls < minCalls) return false;
        long[] older = new long[WINDOW], newer = new long[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            older[i] = recent[(calls - 2 * WINDOW + i) % recent.length];
            newer[i] = recent[(calls - WINDOW + i) % recent.length];
        }
        return median(newer) >= SETTLED * median(older);
    }

    int calls() {
        return calls;
    }

    private static long median(long[] v) {
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
