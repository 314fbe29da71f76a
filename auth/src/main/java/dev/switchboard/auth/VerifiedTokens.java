package dev.switchboard.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.transport.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;

/**
 * JWTs whose signature and claims were checked, so the same token on the next request costs a
 * hash and a lookup instead of an RSA or EC verification (tens to hundreds of microseconds in
 * Java): a client sends one access token on every request until it expires. An entry lives at
 * most {@code auth.tokenCacheMs} (so a token signed by a key the authorization server withdrew is
 * accepted at most that long) and is never used outside the token's own {@code nbf}..{@code exp}
 * (with the clock skew). Keyed by the token's SHA-256, never the token.
 */
final class VerifiedTokens {
    private static final int MAX_ENTRIES = 50_000;

    private record Entry(Authenticator.Verdict.Allowed allowed, long notBeforeMillis, long expiresMillis) {}

    private final Cache<String, Entry> entries;
    private final long skewMillis;

    /** Remembers verified tokens for {@code keep}; zero keeps none. */
    VerifiedTokens(Duration keep, Duration clockSkew) {
        this.entries = keep.isZero() ? null : Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(keep).build();
        this.skewMillis = clockSkew.toMillis();
    }

    /** The earlier verdict for {@code token} while it is still within its validity; otherwise {@code null}. */
    Authenticator.Verdict.Allowed allowed(String token) {
        if (entries == null) return null;
        String key = digest(token);
        Entry e = entries.getIfPresent(key);
        if (e == null) return null;
        long now = System.currentTimeMillis();
        if (now > e.expiresMillis + skewMillis || now + skewMillis < e.notBeforeMillis) {
            entries.invalidate(key);
            return null; // checked again in full, which says why it is refused
        }
        return e.allowed;
    }

    void remember(String token, Authenticator.Verdict.Allowed allowed, Date exp, Date nbf) {
        if (entries == null || exp == null) return; // the claims check requires exp; never keep a token without one
        entries.put(digest(token), new Entry(allowed, nbf == null ? Long.MIN_VALUE / 2 : nbf.getTime(), exp.getTime()));
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
