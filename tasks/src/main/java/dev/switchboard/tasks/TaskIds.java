package dev.switchboard.tasks;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Task ids: 128 bits from {@link SecureRandom}, base64url without padding (22 characters), so
 * an id cannot be guessed or enumerated and may serve as a bearer capability where there is no
 * session or principal to bind a task to.
 */
public final class TaskIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");

    private TaskIds() {}

    /** A fresh id. */
    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** True when {@code id} has the shape of an id this server mints (says nothing of existence). */
    public static boolean isWellFormed(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
