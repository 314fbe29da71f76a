package dev.switchboard.mcp;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;

/**
 * Opaque pagination cursors: a list offset and a fingerprint of the list, sealed with an HMAC and
 * encoded as base64url (28 characters).
 *
 * <pre>{@code
 * long fingerprint = Cursor.fingerprint(toolNames);
 * int from = cursors.offset(params.cursor(), fingerprint);      // 0 for the first page
 * String next = end < total ? cursors.encode(end, fingerprint) : null;
 * }</pre>
 *
 * <p>Why sealed: a client must treat cursors as opaque, and one that edits the offset, or replays
 * a cursor from another server, gets -32602 instead of a silently wrong page. Why a fingerprint:
 * when the list changes between pages an offset points at different items, so a stale cursor is
 * refused and the client starts over. Servers in a cluster share the key ({@link #withKey}) so a
 * cursor from one node is good on another.
 */
final class Cursor {

    private static final byte VERSION = 1;
    private static final int PAYLOAD = 1 + 4 + 8;
    private static final int TAG = 8;

    private final HmacSha256 hmac;

    private Cursor(HmacSha256 hmac) {
        this.hmac = hmac;
    }

    /** Cursors sealed with a fresh random key: valid only in this process. */
    public static Cursor create() {
        return new Cursor(new HmacSha256(HmacSha256.randomKey()));
    }

    /** Cursors sealed with the server's shared secret ({@code mcp.requestStateKey}); random when it is empty. */
    static Cursor forSecret(String secret) {
        return new Cursor(HmacSha256.forSecret(secret));
    }

    /** Cursors sealed with a shared key of at least 16 bytes, valid on every node holding it. */
    public static Cursor withKey(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a cursor key needs at least 16 bytes, got " + key.length);
        }
        return new Cursor(new HmacSha256(key.clone()));
    }

    /**
     * A 64-bit fingerprint of a list's identity (names, URIs), order-sensitive: FNV-1a over the
     * UTF-16 code units with a separator, cheap enough to compute per page.
     */
    public static long fingerprint(Collection<String> keys) {
        long hash = 0xcbf29ce484222325L;
        for (String key : keys) {
            for (int i = 0; i < key.length(); i++) {
                hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
            }
            hash = (hash ^ 0xffff) * 0x100000001b3L;
        }
        return hash;
    }

    /** A cursor for the page starting at {@code offset} of a list without fingerprint. */
    public String encode(int offset) {
        return encode(offset, 0);
    }

    /** A cursor for the page starting at {@code offset} of the list with {@code fingerprint}. */
    public String encode(int offset, long fingerprint) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        ByteBuffer bytes = ByteBuffer.allocate(PAYLOAD + TAG);
        bytes.put(VERSION).putInt(offset).putLong(fingerprint);
        bytes.put(tag(bytes.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /**
     * The position sealed in {@code cursor}.
     *
     * @throws McpException -32602 when the cursor is malformed or was not sealed with this key
     */
    public Position decode(String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid("not a cursor issued by this server");
        }
        if (bytes.length != PAYLOAD + TAG || bytes[0] != VERSION) {
            throw invalid("not a cursor issued by this server");
        }
        byte[] expected = tag(bytes);
        // constant time: the comparison must not tell an attacker how many tag bytes were right
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, PAYLOAD, PAYLOAD + TAG))) {
            throw invalid("not a cursor issued by this server");
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, 1, PAYLOAD - 1);
        int offset = payload.getInt();
        long fingerprint = payload.getLong();
        if (offset < 0) {
            throw invalid("not a cursor issued by this server");
        }
        return new Position(offset, fingerprint);
    }

    /**
     * The offset to list from: 0 for a null cursor (the first page), else the cursor's offset.
     *
     * @throws McpException -32602 when the cursor is invalid or the list changed since it was made
     */
    public int offset(String cursor, long fingerprint) {
        if (cursor == null) {
            return 0;
        }
        Position position = decode(cursor);
        if (position.fingerprint() != fingerprint) {
            throw invalid("the list changed since this cursor was issued; list again from the start");
        }
        return position.offset();
    }

    private byte[] tag(byte[] bytes) {
        return Arrays.copyOf(hmac.tag(bytes, PAYLOAD), TAG);
    }

    private static McpException invalid(String why) {
        return McpException.invalidParams("Invalid cursor: " + why);
    }

    /**
     * A decoded cursor.
     *
     * @param offset      index of the first item of the page
     * @param fingerprint fingerprint of the list the offset refers to
     */
    public record Position(int offset, long fingerprint) {}
}
