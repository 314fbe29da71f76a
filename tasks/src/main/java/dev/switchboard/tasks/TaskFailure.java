package dev.switchboard.tasks;

/**
 * Thrown by {@link TaskWork} to end its task {@code failed} with a JSON-RPC error
 * ({@code code}, {@code message}, optional {@code data} as JSON text).
 */
public final class TaskFailure extends Exception {
    private final int code;
    private final String dataJson;

    public TaskFailure(int code, String message, String dataJson) {
        super(message);
        this.code = code;
        this.dataJson = dataJson;
    }

    public int code() {
        return code;
    }

    /** The error's {@code data} as JSON text, or null. */
    public String dataJson() {
        return dataJson;
    }
}
