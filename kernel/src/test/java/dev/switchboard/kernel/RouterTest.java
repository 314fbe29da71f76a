package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Handler H = d -> null;

    private static RouteMatch.Found found(Router r, String path) {
        RouteMatch m = r.match(path);
        assertThat(m).as(path).isInstanceOf(RouteMatch.Found.class);
        return (RouteMatch.Found) m;
    }

    @Test
    void match_paramSegments_capturesThem() {
        Router r = new Router(100);
        r.add(Route.of("tools://call/{name}", H));
        RouteMatch.Found f = found(r, "tools://call/add");
        assertThat(f.params()).isEqualTo(Map.of("name", "add"));
        assertThat(f.subsystem()).isEqualTo("tools");
    }

    @Test
    void match_trailingWildcard_capturesTheRestJoined() {
        Router r = new Router(100);
        r.add(Route.of("files://read/*", H));
        assertThat(found(r, "files://read/a/b/c").params()).isEqualTo(Map.of("*", "a/b/c"));
        assertThat(found(r, "files://read").params()).isEqualTo(Map.of("*", ""));
    }

    @Test
    void match_literalAndParamBothMatch_literalWinsWhateverTheOrder() {
        Router r = new Router(100);
        Route byId = Route.of("users://get/{id}", H);
        Route me = Route.of("users://get/me", d -> "me");
        r.add(byId);
        r.add(me);
        assertThat(found(r, "users://get/me").route()).isSameAs(me);
        assertThat(found(r, "users://get/42").route()).isSameAs(byId);
    }

    @Test
    void match_unknownSubsystem_isNotFoundNamingIt() {
        Router r = new Router(100);
        r.add(Route.of("tools://call/{name}", H));
        assertThat(r.match("nope://x")).isEqualTo(new RouteMatch.NotFound("no subsystem 'nope' for path 'nope://x'"));
    }

    @Test
    void match_unknownRoute_isNotFoundNamingThePath() {
        Router r = new Router(100);
        r.add(Route.of("tools://call/{name}", H));
        assertThat(((RouteMatch.NotFound) r.match("tools://call/a/b")).reason())
                .isEqualTo("subsystem 'tools' has no route for path 'tools://call/a/b'");
    }

    @Test
    void match_malformedPaths_areNotFoundNeverExceptions() {
        Router r = new Router(100);
        r.add(Route.of("tools://call/{name}", H));
        for (String bad : new String[] {null, "", "tools:/call", "://x", "to ols://x", "tools://call//x", "tools://call/"})
            assertThat(r.match(bad)).as(String.valueOf(bad)).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void match_readInPlace_comparesWholeSegmentsAndNames() {
        Router r = new Router(0);
        r.add(Route.of("tools://call/{name}", H));
        r.add(Route.of("math://add/{a}/{b}/{c}", H));
        r.add(Route.of("files://read/{disk}/*", H));
        for (String miss : new String[] {"tools://callx/add", "tools://cal/add", "toolsx://call/add", "tool://call/add", "tools://call/add/", "tools:///call/add"})
            assertThat(r.match(miss)).as(miss).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(found(r, "math://add/1/2/3").params()).isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
        assertThat(found(r, "files://read/c/x/y.txt").params()).isEqualTo(Map.of("disk", "c", "*", "x/y.txt"));
        assertThat(found(r, "files://read/c").params()).isEqualTo(Map.of("disk", "c", "*", ""));
        assertThat(found(r, "tools://call/add").subsystem()).isEqualTo("tools");
    }

    @Test
    void add_samePatternTwice_isAnErrorNamingIt() {
        Router r = new Router(100);
        r.add(Route.of("tools://call/{name}", H));
        assertThatThrownBy(() -> r.add(Route.of("tools://call/{other}", H)))
                .hasMessageContaining("tools://call/{other}").hasMessageContaining("already registered");
    }

    @Test
    void add_wildcardNotLast_isRejected() {
        assertThatThrownBy(() -> new Router(10).add(Route.of("a://*/b", H))).hasMessageContaining("only as the last segment");
    }

    @Test
    void match_cachedResult_isInvalidatedByRegistration() {
        Router r = new Router(100);
        r.add(Route.of("a://x/{p}", H));
        assertThat(r.match("a://x/y/z")).isInstanceOf(RouteMatch.NotFound.class);
        r.add(Route.of("a://x/*", H));
        assertThat(r.match("a://x/y/z")).isInstanceOf(RouteMatch.Found.class);
    }

    @Test
    void match_withAndWithoutCache_agree() {
        Router cached = new Router(2);
        Router uncached = new Router(0);
        for (Router r : new Router[] {cached, uncached}) {
            r.add(Route.of("r://a/{x}/c", H));
            r.add(Route.of("r://a/b/c", H));
            r.add(Route.of("r://*", H));
        }
        for (String p : new String[] {"r://a/b/c", "r://a/q/c", "r://z", "r://a/b/c", "q://x", "r://a/q/c"})
            assertThat(cached.match(p).toString()).isEqualTo(uncached.match(p).toString());
    }
}
