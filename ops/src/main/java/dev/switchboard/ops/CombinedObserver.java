package dev.switchboard.ops;

import dev.switchboard.mcp.RequestObserver;
import java.util.List;

/** Several observers as one: metrics, tracing and the access log each see every request. */
record CombinedObserver(List<RequestObserver> observers) implements RequestObserver {
    static RequestObserver of(List<RequestObserver> observers) {
        if (observers.isEmpty()) return RequestObserver.NONE;
        if (observers.size() == 1) return observers.getFirst();
        return new CombinedObserver(List.copyOf(observers));
    }

    @Override
    public Observation onStart(Request request) {
        Observation[] started = new Observation[observers.size()];
        for (int i = 0; i < started.length; i++) started[i] = observers.get(i).onStart(request);
        return new Observation() {
            @Override
            public void onEnd(String outcome, int code, long nanos) {
                for (Observation o : started) o.onEnd(outcome, code, nanos);
            }

            @Override
            public void onFrame(dev.switchboard.mcp.ContextFrame frame) {
                for (Observation o : started) o.onFrame(frame);
            }

            @Override
            public Scope enter() {
                Scope[] scopes = new Scope[started.length];
                for (int i = 0; i < scopes.length; i++) scopes[i] = started[i].enter();
                return () -> {
                    for (int i = scopes.length - 1; i >= 0; i--) scopes[i].close();
                };
            }
        };
    }
}
