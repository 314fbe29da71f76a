package dev.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.Test;

/**
 * The authorization server rotates its signing key (a new key under a new key id, the old one
 * withdrawn from its key set): a token signed with the new key names a key id the resource
 * server's cached set lacks, so it refetches the set and accepts the token; a token signed with
 * the withdrawn key is then refused (with {@code auth.tokenCacheMs} = 0; by default a token already
 * verified stays accepted for up to that long).
 */
class KeyRotationTest {

    /** mock-oauth2-server's key provider, signing with (and publishing) whichever key is current. */
    private static final class RotatingKeys extends KeyProvider {
        private volatile RSAKey current;

        RotatingKeys() throws Exception {
            super(List.of());
            rotate("key-2026-11");
        }

        void rotate(String kid) throws Exception {
            current = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        }

        @Override
        public JWK signingKey(String issuerId) {
            return current;
        }
    }

    @Test
    void rotatedKey_isFetchedOnItsFirstToken_andTheWithdrawnKeysTokensAreRefused() throws Exception {
        RotatingKeys keys = new RotatingKeys();
        MockOAuth2Server issuer = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys)));
        issuer.start();
        try (AuthHarness h = new AuthHarness(issuer, AuthHarness.settings(issuer).withJwksMinRefresh(Duration.ZERO).withTokenCache(Duration.ZERO))) {
            String old = h.token("alice", Map.of());
            assertThat(h.send(h.post(old, null, AuthHarness.INIT)).statusCode()).isEqualTo(200);
            keys.rotate("key-2026-12");
            String fresh = h.token("alice", Map.of());
            assertThat(h.send(h.post(fresh, null, AuthHarness.INIT)).statusCode()).isEqualTo(200);
            var refused = h.send(h.post(old, null, AuthHarness.INIT));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("www-authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        } finally {
            issuer.shutdown();
        }
    }
}
