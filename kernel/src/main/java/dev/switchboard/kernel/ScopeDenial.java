package dev.switchboard.kernel;

/**
 * The cause of an {@link Outcome.Undelivered} with reason {@link DeadLetter.Reason#DENIED}: which
 * requirement the caller failed, so a front door can say what would satisfy it (an OAuth resource
 * server answers 403 with the scopes needed). No stack trace: it is an answer, not a failure.
 */
public final class ScopeDenial extends RuntimeException {
    private final transient ScopeRequirement requirement;

    public ScopeDenial(ScopeRequirement requirement, String detail) {
        super(detail, null, false, false);
        this.requirement = requirement;
    }

    /** The requirement the caller did not meet; every scope it names is needed for the request. */
    public ScopeRequirement requirement() {
        return requirement;
    }
}
