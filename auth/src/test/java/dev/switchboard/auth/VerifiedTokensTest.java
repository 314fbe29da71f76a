package dev.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.Principal;
import dev.switchboard.transport.Authenticator;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A remembered verdict is used only inside the token's own nbf..exp (with the skew), and not at all when the cache is off. */
class VerifiedTokensTest {
    private static final Authenticator.Verdict.Allowed ALICE = new Authenticator.Verdict.Allowed(new Principal("alice", null, null, Set.of(), Map.of()));
    private static final Duration SKEW = Duration.ofSeconds(60);

    private static Date in(long seconds) {
        return new Date(System.currentTimeMillis() + seconds * 1000);
    }

    @Test
    void allowed_withinItsValidity_isRemembered_andPastExpPlusSkew_isForgotten() {
        VerifiedTokens cache = new VerifiedTokens(Duration.ofMinutes(1), SKEW);
        cache.remember("valid", ALICE, in(3600), in(-10));
        cache.remember("expired", ALICE, in(-61), in(-3600));
        cache.remember("notYet", ALICE, in(3600), in(120));
        assertThat(cache.allowed("valid")).isSameAs(ALICE);
        assertThat(cache.allowed("expired")).isNull();
        assertThat(cache.allowed("notYet")).isNull();
        assertThat(cache.allowed("never-seen")).isNull();
    }

    @Test
    void aZeroCacheTime_remembersNothing() {
        VerifiedTokens off = new VerifiedTokens(Duration.ZERO, SKEW);
        off.remember("valid", ALICE, in(3600), null);
        assertThat(off.allowed("valid")).isNull();
    }
}
