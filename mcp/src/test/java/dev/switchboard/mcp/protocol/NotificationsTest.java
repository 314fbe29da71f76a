package dev.switchboard.mcp.protocol;

import static dev.switchboard.mcp.protocol.Wire.assertNotificationRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.codec.Decoded;
import org.junit.jupiter.api.Test;

/** Progress, cancellation and lifecycle notifications from the 2025-11-25 spec, basic/utilities. */
class NotificationsTest {

    @Test
    void progress_specNotification_roundTrips() {
        Decoded.Notification notification = assertNotificationRoundTrip("""
                {"jsonrpc": "2.0", "method": "notifications/progress", "params": {
                  "progressToken": "abc123", "progress": 50, "total": 100, "message": "Reticulating splines..."}}
                """);
        ProgressParams progress = (ProgressParams) notification.params();
        assertThat(progress.progressToken()).isEqualTo(ProgressToken.of("abc123"));
        assertThat(progress.progress()).isEqualTo(50.0);
        assertThat(progress.total()).isEqualTo(100.0);
    }

    @Test
    void progress_numericToken_staysANumber() {
        Decoded.Notification notification = assertNotificationRoundTrip("""
                {"jsonrpc": "2.0", "method": "notifications/progress", "params": {"progressToken": 42, "progress": 0.5}}
                """);
        assertThat(((ProgressParams) notification.params()).progressToken()).isEqualTo(ProgressToken.of(42));
    }

    @Test
    void cancelled_specNotification_roundTrips() {
        Decoded.Notification notification = assertNotificationRoundTrip("""
                {"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {
                  "requestId": "123", "reason": "User requested cancellation"}}
                """);
        assertThat(((CancelledParams) notification.params()).requestId()).isEqualTo(RequestId.of("123"));
    }

    @Test
    void cancelled_numericRequestId_isNotConfusedWithString() {
        Decoded.Notification notification = assertNotificationRoundTrip("""
                {"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 123}}
                """);
        assertThat(((CancelledParams) notification.params()).requestId()).isEqualTo(RequestId.of(123));
    }

    @Test
    void initialized_specNotification_roundTrips() {
        assertThat(assertNotificationRoundTrip("{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}")
                .params()).isEqualTo(Params.Empty.INSTANCE);
    }

    @Test
    void listChanged_withMeta_keepsMeta() {
        Decoded.Notification notification = assertNotificationRoundTrip("""
                {"jsonrpc": "2.0", "method": "notifications/tools/list_changed", "params": {"_meta": {"k": "v"}}}
                """);
        assertThat(notification.meta().get("k").stringValue()).isEqualTo("v");
    }
}
