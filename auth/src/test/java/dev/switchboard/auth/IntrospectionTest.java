package dev.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transport.Authenticator;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 7662 introspection at the authorization server's {@code introspection_endpoint} (discovered
 * from its metadata). mock-oauth2-server introspects the tokens it issued, which are JWTs, so the
 * introspection path is driven directly; an opaque token the server does not know is inactive.
 */
class IntrospectionTest {
    private static MockOAuth2Server issuer;
    private static OAuthResourceServer rs;

    @BeforeAll
    static void start() {
        issuer = SharedIssuer.get();
        rs = OAuthResourceServer.start(AuthHarness.settings(issuer).withIntrospection("switchboard", "a-secret-of-16-chars"), null);
    }

    @Test
    void activeToken_forThisAudience_isAllowedWithItsSubjectAndScopes() {
        String token = AuthHarness.issue(issuer, "default", "carol", AuthHarness.RESOURCE, Map.of("scope", "files:read", "tenant", "acme"), 3600);
        Authenticator.Verdict v = rs.opaque(token);
        assertThat(v).isInstanceOfSatisfying(Authenticator.Verdict.Allowed.class, a -> {
            assertThat(a.principal().subject()).isEqualTo("carol");
            assertThat(a.principal().scopes()).containsExactly("files:read");
        });
    }

    @Test
    void activeToken_forAnotherAudience_isRefused() {
        String token = AuthHarness.issue(issuer, "default", "carol", "https://other.example/mcp", Map.of(), 3600);
        assertThat(rs.opaque(token)).isInstanceOfSatisfying(Authenticator.Verdict.Refused.class, r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void unknownOpaqueToken_isInactive_401() {
        Authenticator.Verdict v = rs.authenticate("/mcp", null, name -> name.equals("authorization") ? "Bearer not-a-token-the-server-issued" : null);
        assertThat(v).isInstanceOfSatisfying(Authenticator.Verdict.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headers().get("WWW-Authenticate")).contains("error=\"invalid_token\"");
        });
    }
}
