package dev.switchboard.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A named group of routes with its own mailbox and execution policy.
 *
 * <pre>{@code
 * kernel.register(Subsystem.builder("tools")
 *     .route("tools://call/{name}", d -> call(d.param("name"), d.message().body()))
 *     .concurrency(256)
 *     .build());
 * }</pre>
 *
 * <p>Handlers run on virtual threads, at most {@code concurrency} at once, or in order one after
 * another when the subsystem is {@link Builder#ordered() ordered}. Settings left unset come from the
 * kernel's configuration.
 *
 * @param name        the subsystem part of every route's path
 * @param routes      its routes; each pattern must start with {@code name://}
 * @param ordered     whether handlers run one at a time in arrival order
 * @param concurrency the most handlers running at once (ignored when ordered); 0 means the kernel default
 * @param mailbox     the mailbox shape; {@code null} means the kernel default
 * @param maxAttempts attempts per message before it is dead-lettered; 0 means the kernel default
 * @param healthCheck an extra readiness check, or {@code null}
 */
public record Subsystem(String name, List<Route> routes, boolean ordered, int concurrency,
                        MailboxSettings mailbox, int maxAttempts, Supplier<Health> healthCheck) {

    public Subsystem {
        Objects.requireNonNull(name, "name");
        routes = List.copyOf(routes);
        for (Route r : routes)
            if (!r.pattern().startsWith(name + "://"))
                throw new IllegalArgumentException("route '" + r.pattern() + "' does not belong to subsystem '" + name + "'");
        if (concurrency < 0) throw new IllegalArgumentException("concurrency must be >= 0, was " + concurrency);
        if (maxAttempts < 0) throw new IllegalArgumentException("maxAttempts must be >= 0, was " + maxAttempts);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link Subsystem}. */
    public static final class Builder {
        private final String name;
        private final List<Route> routes = new ArrayList<>();
        private boolean ordered;
        private int concurrency;
        private MailboxSettings mailbox;
        private int maxAttempts;
        private Supplier<Health> healthCheck;

        private Builder(String name) {
            this.name = name;
        }

        public Builder route(String pattern, Handler handler) {
            return route(Route.of(pattern, handler));
        }

        public Builder route(Route route) {
            routes.add(route);
            return this;
        }

        /** Handlers run one at a time, in arrival order, on the subsystem's worker. */
        public Builder ordered() {
            this.ordered = true;
            return this;
        }

        public Builder concurrency(int limit) {
            this.concurrency = limit;
            return this;
        }

        public Builder mailbox(MailboxSettings settings) {
            this.mailbox = settings;
            return this;
        }

        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public Builder healthCheck(Supplier<Health> check) {
            this.healthCheck = check;
            return this;
        }

        public Subsystem build() {
            return new Subsystem(name, routes, ordered, concurrency, mailbox, maxAttempts, healthCheck);
        }
    }
}
