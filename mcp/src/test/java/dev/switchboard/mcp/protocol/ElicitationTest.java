package dev.switchboard.mcp.protocol;

import static dev.switchboard.mcp.protocol.Wire.assertNotificationRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertRequestRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertResultRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.codec.Decoded;
import org.junit.jupiter.api.Test;

/** Elicitation records against the examples of the 2025-11-25 spec, client/elicitation. */
class ElicitationTest {

    @Test
    void create_specFormRequest_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "method": "elicitation/create", "params": {
                  "mode": "form", "message": "Please provide your GitHub username",
                  "requestedSchema": {"type": "object", "properties": {"name": {"type": "string"}},
                                      "required": ["name"]}}}
                """);
        assertThat(request.params()).isInstanceOfSatisfying(Elicitation.Form.class,
                form -> assertThat(form.requestedSchema().get("required").get(0).stringValue()).isEqualTo("name"));
    }

    @Test
    void create_formWithoutMode_decodesAsForm() {
        Decoded decoded = Wire.CODEC.decode("""
                {"jsonrpc": "2.0", "id": 1, "method": "elicitation/create", "params": {
                  "message": "Name?", "requestedSchema": {"type": "object", "properties": {}}}}
                """);
        assertThat(((Decoded.Request) decoded).params()).isInstanceOf(Elicitation.Form.class);
    }

    @Test
    void create_specUrlRequest_roundTrips() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 3, "method": "elicitation/create", "params": {
                  "mode": "url", "elicitationId": "550e8400-e29b-41d4-a716-446655440000",
                  "url": "https://mcp.example.com/ui/set_api_key",
                  "message": "Please provide your API key to continue."}}
                """);
        assertThat(request.params()).isEqualTo(Elicitation.ElicitParams.url("Please provide your API key to continue.",
                "550e8400-e29b-41d4-a716-446655440000", "https://mcp.example.com/ui/set_api_key"));
    }

    @Test
    void create_unknownMode_isInvalidParams() {
        Decoded decoded = Wire.CODEC.decode("""
                {"jsonrpc": "2.0", "id": 9, "method": "elicitation/create", "params": {"mode": "telepathy", "message": "m"}}
                """);
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(-32602);
            assertThat(failure.message()).contains("mode").contains("telepathy");
        });
    }

    @Test
    void result_specResponses_roundTrip() {
        Elicitation.ElicitResult form = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 2, "result": {"action": "accept", "content": {
                  "name": "Monalisa Octocat", "email": "octocat@github.com", "age": 30}}}
                """, Elicitation.ElicitResult.class);
        assertThat(form.action()).isEqualTo(Elicitation.Action.ACCEPT);
        assertThat(form.content().get("age").intValue()).isEqualTo(30);

        Elicitation.ElicitResult url = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 3, "result": {"action": "accept"}}
                """, Elicitation.ElicitResult.class);
        assertThat(url.content()).isNull();
        assertThat(Wire.write(Elicitation.ElicitResult.decline()).toString()).isEqualTo("{\"action\":\"decline\"}");
    }

    @Test
    void complete_specNotification_roundTrips() {
        Decoded.Notification notification = assertNotificationRoundTrip("""
                {"jsonrpc": "2.0", "method": "notifications/elicitation/complete",
                 "params": {"elicitationId": "550e8400-e29b-41d4-a716-446655440000"}}
                """);
        assertThat(((Elicitation.CompleteParams) notification.params()).elicitationId())
                .isEqualTo("550e8400-e29b-41d4-a716-446655440000");
    }

    @Test
    void urlElicitationRequired_specError_encodesCodeAndData() {
        var data = Wire.tree("""
                {"elicitations": [{"mode": "url", "elicitationId": "550e8400-e29b-41d4-a716-446655440000",
                  "url": "https://mcp.example.com/connect?elicitationId=550e8400-e29b-41d4-a716-446655440000",
                  "message": "Authorization is required to access your Example Co files."}]}
                """);
        byte[] bytes = Wire.CODEC.encodeError(RequestId.of(2), JsonRpc.Error.of(JsonRpc.URL_ELICITATION_REQUIRED,
                "This request requires more information.").withData(data));
        Wire.assertSameJson(Wire.tree(bytes), Wire.tree("""
                {"jsonrpc": "2.0", "id": 2, "error": {"code": -32042,
                  "message": "This request requires more information.", "data": %s}}
                """.formatted(data)));
    }
}
