package dev.switchboard.mcp.protocol;

import static dev.switchboard.mcp.protocol.Wire.assertNotificationRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertRequestRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.codec.Decoded;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Logging against the examples of the 2025-11-25 spec, server/utilities/logging. */
class LoggingTest {

    @Test
    void setLevel_specRequest_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "method": "logging/setLevel", "params": {"level": "info"}}
                """);
        assertThat(request.params(Logging.SetLevelParams.class).level()).isEqualTo(LoggingLevel.INFO);
    }

    @Test
    void message_specNotification_roundTrips() {
        Decoded.Notification notification = assertNotificationRoundTrip("""
                {"jsonrpc": "2.0", "method": "notifications/message", "params": {
                  "level": "error", "logger": "database",
                  "data": {"error": "Connection failed", "details": {"host": "localhost", "port": 5432}}}}
                """);
        Logging.MessageParams params = (Logging.MessageParams) notification.params();
        assertThat(params.level()).isEqualTo(LoggingLevel.ERROR);
        assertThat(params.data().get("details").get("port").intValue()).isEqualTo(5432);
    }

    @Test
    void levels_inDeclarationOrder_followSyslogSeverity() {
        assertThat(Arrays.stream(LoggingLevel.values()).map(LoggingLevel::wireName))
                .containsExactly("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");
        assertThat(Arrays.stream(LoggingLevel.values()).mapToInt(LoggingLevel::syslogSeverity))
                .containsExactly(7, 6, 5, 4, 3, 2, 1, 0);
    }

    @Test
    void isAtLeast_againstThreshold_filtersLessSevere() {
        assertThat(LoggingLevel.ERROR.isAtLeast(LoggingLevel.WARNING)).isTrue();
        assertThat(LoggingLevel.WARNING.isAtLeast(LoggingLevel.WARNING)).isTrue();
        assertThat(LoggingLevel.INFO.isAtLeast(LoggingLevel.WARNING)).isFalse();
    }

    @Test
    void fromWireName_unknownName_isInvalidParams() {
        assertThat(LoggingLevel.fromWireName("notice")).isEqualTo(LoggingLevel.NOTICE);
        assertThatThrownBy(() -> LoggingLevel.fromWireName("loud"))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(-32602))
                .hasMessageContaining("loud");
    }

    @Test
    void messageParams_textFactory_writesStringData() {
        Wire.assertSameJson(Wire.write(Logging.MessageParams.of(LoggingLevel.WARNING, "db", "slow")),
                Wire.tree("{\"level\":\"warning\",\"logger\":\"db\",\"data\":\"slow\"}"));
    }
}
