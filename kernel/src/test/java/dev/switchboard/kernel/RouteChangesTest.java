package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routes added and removed while the kernel runs: how MCP tools come and go. */
class RouteChangesTest {

    @Test
    void match_exactRouteAmongParamRoutes_winsWithNoParams() {
        Router r = new Router(0);
        Route any = Route.of("tools://call/{name}", d -> "any");
        Route add = Route.of("tools://call/add", d -> "add");
        r.add(any);
        r.add(add);
        assertThat(r.match("tools://call/add")).isEqualTo(new RouteMatch.Found(add, "tools", Map.of()));
        assertThat(((RouteMatch.Found) r.match("tools://call/echo")).route()).isSameAs(any);
    }

    @Test
    void match_oneTwoAndManyParamsAndAWildcard_captureEveryValue() {
        Router r = new Router(0);
        r.add(Route.of("m://one/{a}", d -> null));
        r.add(Route.of("m://two/{a}/{b}", d -> null));
        r.add(Route.of("m://four/{a}/{b}/{c}/{d}", d -> null));
        r.add(Route.of("m://rest/{a}/*", d -> null));
        r.add(Route.of("m://twice/{a}/{a}", d -> null));
        assertThat(((RouteMatch.Found) r.match("m://one/1")).params()).isEqualTo(Map.of("a", "1"));
        assertThat(((RouteMatch.Found) r.match("m://two/1/2")).params()).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(((RouteMatch.Found) r.match("m://four/1/2/3/4")).params()).isEqualTo(Map.of("a", "1", "b", "2", "c", "3", "d", "4"));
        assertThat(((RouteMatch.Found) r.match("m://rest/1/x/y")).params()).isEqualTo(Map.of("a", "1", "*", "x/y"));
        assertThat(((RouteMatch.Found) r.match("m://twice/1/2")).params()).isEqualTo(Map.of("a", "2"));
        assertThat(r.match("m://two/1")).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void remove_registeredPattern_unroutesItAndClearsTheCache() {
        Router r = new Router(100);
        r.add(Route.of("tools://call/add", d -> null));
        assertThat(r.match("tools://call/add")).isInstanceOf(RouteMatch.Found.class);
        assertThat(r.remove("tools://call/add")).isTrue();
        assertThat(r.match("tools://call/add")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(r.remove("tools://call/add")).isFalse();
    }

    @Test
    void addRoute_runningSubsystem_isServedAndRemovable() {
        try (Kernel k = Kernel.create()) {
            k.register(Subsystem.builder("tools").route("tools://list", d -> "list").build());
            k.addRoute(Route.of("tools://call/add", d -> 5));
            assertThat(k.call(Message.of("tools://call/add", null))).isEqualTo(new Outcome.Delivered(5));
            assertThat(k.removeRoute("tools://call/add")).isTrue();
            assertThat(k.call(Message.of("tools://call/add", null)))
                    .isInstanceOfSatisfying(Outcome.Undelivered.class, u -> assertThat(u.reason()).isEqualTo(DeadLetter.Reason.NO_ROUTE));
            assertThat(k.ledger().accepted()).isEqualTo(k.ledger().delivered() + k.ledger().deadLettered());
        }
    }

    @Test
    void addRoute_unregisteredSubsystem_isRefusedNamingIt() {
        try (Kernel k = Kernel.create()) {
            assertThatThrownBy(() -> k.addRoute(Route.of("agents://call/x", d -> null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'agents'");
        }
    }
}
