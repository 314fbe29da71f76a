package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mcp.protocol.JsonRpc;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    private final Cursor cursors = Cursor.create();

    @Test
    void decode_encodedPosition_returnsIt() {
        String cursor = cursors.encode(50, 1234L);
        assertThat(cursor).matches("[A-Za-z0-9_-]{28}");
        assertThat(cursors.decode(cursor)).isEqualTo(new Cursor.Position(50, 1234L));
    }

    @Test
    void offset_nullCursor_isFirstPage() {
        assertThat(cursors.offset(null, 99L)).isZero();
    }

    @Test
    void offset_listChanged_isInvalidParams() {
        long before = Cursor.fingerprint(List.of("a", "b", "c"));
        long after = Cursor.fingerprint(List.of("a", "c"));
        String cursor = cursors.encode(2, before);
        assertThat(cursors.offset(cursor, before)).isEqualTo(2);
        assertThatThrownBy(() -> cursors.offset(cursor, after))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(-32602))
                .hasMessageContaining("list changed");
    }

    @Test
    void decode_tamperedOffset_isInvalidParams() {
        byte[] bytes = Base64.getUrlDecoder().decode(cursors.encode(10, 0));
        bytes[4] = 99;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThatThrownBy(() -> cursors.decode(tampered))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS))
                .hasMessageStartingWith("Invalid cursor");
    }

    @Test
    void decode_cursorFromAnotherKey_isInvalidParams() {
        String foreign = Cursor.create().encode(10);
        assertThatThrownBy(() -> cursors.decode(foreign)).isInstanceOf(McpException.class);
    }

    @Test
    void decode_sharedKey_worksAcrossInstances() {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Cursor.withKey(key).decode(Cursor.withKey(key).encode(7)).offset()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "optional-cursor-value", "!!!!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA", "next-page-cursor"})
    void decode_garbage_isInvalidParams(String garbage) {
        assertThatThrownBy(() -> cursors.decode(garbage))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(-32602));
    }

    @Test
    void fingerprint_order_matters() {
        assertThat(Cursor.fingerprint(List.of("a", "b"))).isNotEqualTo(Cursor.fingerprint(List.of("b", "a")));
        assertThat(Cursor.fingerprint(List.of("ab"))).isNotEqualTo(Cursor.fingerprint(List.of("a", "b")));
    }
}
