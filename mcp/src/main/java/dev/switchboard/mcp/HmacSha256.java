package dev.switchboard.mcp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, for what the server hands out and must recognise again (cursors,
 * input_required request states). A {@link Mac} is stateful and not thread-safe, so each tag is
 * computed on a clone of an initialised prototype: cheaper than a provider lookup per call.
 */
final class HmacSha256 {
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;

    HmacSha256(byte[] key) {
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** Keyed by {@code secret} (its SHA-256), or by 32 random bytes when it is empty: then only this process recognises its tags. */
    static HmacSha256 forSecret(String secret) {
        return new HmacSha256(secret == null || secret.isEmpty() ? randomKey() : sha256(secret));
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The tag of {@code data[0..length)}. */
    byte[] tag(byte[] data, int length) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 implementation cannot be cloned", e);
        }
        mac.update(data, 0, length);
        return mac.doFinal();
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
