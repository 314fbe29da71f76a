package dev.switchboard.kernel;

/*
 * Why a guard between the algorithm and admission: Gradient2 and Vegas react to every sample and
 * can swing a limit by half in a second when latency is noisy (a GC pause, a busy neighbour); and
 * on a server that stays saturated neither sees an unloaded call (Vegas's periodic probe takes a
 * loaded call for the no-load latency), so both keep proposing more than the resource serves well.
 * The guard applies the algorithm's proposal at most once per window, never past the bounds nor by
 * more than maxChange of the current limit, and judges each increase by the window that follows it:
 * a p99 above the reference times the tolerance, or an error rate worse than the last good window's
 * by more than the tolerance, puts the last good limit back and holds it for a few windows. The
 * reference is the unloaded p99: the lowest p99 of the last 30 windows in which nothing was
 * refused (the limit did not bind, so latency was the tool's own), or before any such window the
 * lowest p99 seen at all. It is not the last window's p99, so that a run of small increases, each a
 * little slower than the one before, cannot boil the latency up unnoticed; and it is re-learned
 * whenever the limit stops binding, so a tool that became slower for good is the new normal once
 * the overload passes. While p99 is over the line the guard lets the limit go down but not up.
 * A decrease is never rolled back: admitting fewer calls cannot be what made the admitted ones slower.
 *
 * One window is a noisy judge: an increase whose first window happened to be fast was kept, and with
 * no increase allowed but none taken back either, the limit ratcheted up one lucky window at a time
 * and stayed where p99 was over the line for good (the overload benchmark settled at 12-14 with the
 * best fixed limit at 8-10). So when p99 is over the line for OVER_LINE_WINDOWS windows in a row the
 * guard steps the limit down itself, by the same cap, but no lower than the calls that were in
 * flight when the reference was measured: at that concurrency the tool was fast, and if it is slow
 * there too, it became slower for good and admitting less would not cure it.
 * Pure and single-threaded (its caller holds a lock), so tests drive it window by window without clocks.
 */
final class LimitGuard {
    enum Kind { KEEP, CHANGE, ROLLBACK }

    /** What a window decided: the limit from now on and why. */
    record Decision(Kind kind, int from, int to, String reason) {}

    static final int REFERENCE_WINDOWS = 30;
    /** Consecutive windows over the line before the guard steps the limit down itself. */
    static final int OVER_LINE_WINDOWS = 2;

    private final AutotuneSettings settings;
    private int limit;
    private int lastGood;
    private final double[] unrefusedP99 = new double[REFERENCE_WINDOWS];
    /** The calls in flight (at most the limit) in each of those windows: how far down the guard itself may step. */
    private final int[] unrefusedFloor = new int[REFERENCE_WINDOWS];
    private int unrefused;
    private double lowestP99 = Double.POSITIVE_INFINITY;
    private int lowestFloor;
    private int overLine;
    private int judged;
    private double lastGoodErrorRate;
    private int hold;

    LimitGuard(AutotuneSettings settings) {
        this.settings = settings;
        this.limit = settings.initialLimit();
        this.lastGood = limit;
    }

    int limit() {
        return limit;
    }

    int lastGood() {
        return lastGood;
    }

    /** The unloaded p99 (see the class comment); infinite before the first judged window. */
    double reference() {
        int i = referenceIndex();
        return i < 0 ? lowestP99 : unrefusedP99[i];
    }

    /** The lowest limit the guard steps down to by itself: the calls in flight when the reference was measured. */
    int floor() {
        int i = referenceIndex();
        return Math.max(settings.minLimit(), i < 0 ? lowestFloor : unrefusedFloor[i]);
    }

    private int referenceIndex() {
        int n = Math.min(unrefused, REFERENCE_WINDOWS), best = -1;
        for (int i = 0; i < n; i++) if (best < 0 || unrefusedP99[i] < unrefusedP99[best]) best = i;
        return best;
    }

    /**
     * Judges one window and applies {@code proposal} within the guard's rules.
     *
     * @param proposal  the algorithm's limit now
     * @param samples   calls completed in the window
     * @param p99Nanos  their 99th percentile latency
     * @param errorRate the share of them that failed or were dropped
     * @param refused   calls the limit turned away in the window
     * @param peakInFlight the most calls in flight at once in the window
     */
    Decision onWindow(int proposal, long samples, double p99Nanos, double errorRate, long refused, int peakInFlight) {
        int from = limit;
        if (samples < settings.minSamples()) return new Decision(Kind.KEEP, from, from, "window had " + samples + " calls, fewer than " + settings.minSamples());
        double reference = reference();
        boolean slower = p99Nanos > reference * settings.p99Tolerance();
        boolean failing = judged > 0 && errorRate > lastGoodErrorRate + settings.errorTolerance();
        String why = slower
                ? String.format("p99 %.2f ms > %.2f × %.2f ms (the unloaded p99)", p99Nanos / 1e6, settings.p99Tolerance(), reference / 1e6)
                : String.format("error rate %.3f > %.3f + %.3f at the last good limit", errorRate, lastGoodErrorRate, settings.errorTolerance());
        judged++;
        int concurrency = Math.min(peakInFlight, limit);
        if (p99Nanos < lowestP99) {
            lowestP99 = p99Nanos;
            lowestFloor = concurrency;
        }
        if (refused == 0) {
            unrefusedFloor[unrefused % REFERENCE_WINDOWS] = concurrency;
            unrefusedP99[unrefused++ % REFERENCE_WINDOWS] = p99Nanos;
        }
        overLine = slower ? overLine + 1 : 0;
        if (limit > lastGood && (slower || failing)) {
            limit = lastGood;
            hold = settings.holdWindows();
            overLine = 0;
            return new Decision(Kind.ROLLBACK, from, limit, why);
        }
        lastGood = limit;
        lastGoodErrorRate = errorRate;
        int floor = floor();
        if (overLine >= OVER_LINE_WINDOWS && limit > floor) {
            int step = Math.max(1, (int) (limit * settings.maxChange()));
            limit = Math.max(floor, limit - step);
            lastGood = limit;
            overLine = 0;
            return new Decision(Kind.CHANGE, from, limit, why + " for " + OVER_LINE_WINDOWS + " windows in a row: stepping down (to no lower than "
                    + floor + ", the calls in flight when the unloaded p99 was measured)");
        }
        if (hold > 0) {
            hold--;
            return new Decision(Kind.KEEP, from, from, "holding after a rollback (" + hold + " more windows)");
        }
        int target = Math.clamp(proposal, settings.minLimit(), settings.maxLimit());
        int step = Math.max(1, (int) (limit * settings.maxChange()));
        int next = Math.clamp(Math.clamp(target, limit - step, limit + step), settings.minLimit(), settings.maxLimit());
        if (next > limit && (slower || failing)) return new Decision(Kind.KEEP, from, from, "no increase while " + why);
        if (next == limit) return new Decision(Kind.KEEP, from, from, "the algorithm proposes " + proposal);
        limit = next;
        return new Decision(Kind.CHANGE, from, next, "the algorithm proposes " + proposal + (next != target ? " (capped at ±" + step + ")" : ""));
    }
}
