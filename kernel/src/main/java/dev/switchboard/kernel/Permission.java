package dev.switchboard.kernel;

/** What a route may require on a scope. Each level implies the ones before it. */
public enum Permission {
    READ, WRITE, GRANT;

    /** Lower-case name, as it appears in errors and configuration. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
