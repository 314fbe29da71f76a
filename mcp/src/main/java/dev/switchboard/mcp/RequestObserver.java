package dev.switchboard.mcp;

/**
 * Sees every request the server dispatches, in both eras, from the moment it enters dispatch to
 * the moment its response (or error, or cancellation) is handed to the transport. Metrics,
 * tracing and access logs hang here; the engine knows nothing of them.
 *
 * <p>{@link #onStart} runs on the transport's thread before any work and must be cheap; the
 * returned {@link Observation} is ended exactly once, on whichever thread answers.
 */
@FunctionalInterface
public interface RequestObserver {
    /** Observes nothing; what a server without operations wiring uses. */
    RequestObserver NONE = request -> Observation.NONE;

    Observation onStart(Request request);

    /**
     * A request as it enters dispatch.
     *
     * @param method      the JSON-RPC method
     * @param tool        the tool's name for {@code tools/call}, else {@code null}
     * @param sessionId   the session, or {@code null} in the stateless era
     * @param traceparent the W3C trace context from {@code params._meta.traceparent}, else from the
     *                    HTTP {@code traceparent} header, else {@code null}
     */
    record Request(String method, String tool, String sessionId, String traceparent) {}

    /** One request in flight. */
    @FunctionalInterface
    interface Observation {
        Observation NONE = (outcome, errorCode, nanos) -> {};

        /**
         * The request ended.
         *
         * @param outcome   {@code ok}; {@code tool_error} when a {@code tools/call} answered a
         *                  result with {@code isError: true} (the tool threw or reported failure);
         *                  {@code error} for a JSON-RPC error; or {@code cancelled}
         * @param errorCode the JSON-RPC error code when {@code outcome} is {@code error}, else 0
         * @param nanos     time from {@link #onStart} to the answer
         */
        void onEnd(String outcome, int errorCode, long nanos);

        /** The request's validated context frame, once known (before the handler runs); not called for a frame that names nothing. */
        default void onFrame(ContextFrame frame) {}

        /**
         * Called on the handler's thread just before the handler runs; the returned scope is
         * closed when it returns. Tracing makes its span current here, so a handler's own spans
         * become its children. Nothing by default.
         */
        default Scope enter() {
            return Scope.NONE;
        }
    }

    /** What {@link Observation#enter} opened, closed on the same thread; closing must not throw. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        Scope NONE = () -> {};

        @Override
        void close();
    }
}
