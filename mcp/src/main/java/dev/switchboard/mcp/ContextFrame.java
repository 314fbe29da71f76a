package dev.switchboard.mcp;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The validated frame one request runs in (issue 16, "Tenants, budgets and risk"): whose tenant it
 * spends, which stage it targets, how much risk it may take, its budget and its flags. Built once
 * per feature request by {@link FrameRules} from the access token's claims and the request's
 * {@code params._meta}, it travels on the kernel message, handlers read it from
 * {@link Context#frame()}, and it is logged (debug) and set on the request's trace span.
 *
 * <p>The token wins wherever it speaks, because the client writes {@code _meta} and the
 * authorization server writes the token: {@code _meta} may repeat the token's tenant and stage but
 * not change them, and may lower the token's risk allowance but never raise it.
 *
 * @param tenant   the tenant the request's budgets are counted against, or {@code null}
 * @param stage    the stage (one of {@code auth.stages}), or {@code null} when neither side names one
 * @param risk     the highest risk the request may take
 * @param deadline the request's deadline ({@link Budgets}), or {@code null} when it has none
 * @param flags    the token's flags plus the client's; flags are hints to handlers and grant nothing
 */
public record ContextFrame(String tenant, String stage, Risk risk, Duration deadline, Set<String> flags) {
    /** What a request may risk, in increasing order: a client can only move down this list. */
    public enum Risk {
        /** Reads and reversible actions only. */
        LOW,
        /** Changes that can be undone with effort. */
        MEDIUM,
        /** Anything, destructive tools included, without a confirmation round ({@code auth.confirmDestructive=by-risk}). */
        HIGH;

        /** The wire name: lower case. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The risk named {@code s} (any case), or {@code null} when none is. */
        static Risk parse(String s) {
            for (Risk r : values()) if (r.name().equalsIgnoreCase(s)) return r;
            return null;
        }
    }

    /** The frame of a request nobody authenticated and that names nothing: no tenant, no stage, full risk, no flags. */
    public static final ContextFrame OPEN = new ContextFrame(null, null, Risk.HIGH, null, Set.of());

    public ContextFrame {
        java.util.Objects.requireNonNull(risk, "risk");
        flags = Set.copyOf(flags);
    }

    /** Whether {@code flag} is set. */
    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }
}
