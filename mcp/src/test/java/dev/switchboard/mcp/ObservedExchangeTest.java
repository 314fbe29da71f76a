package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservedExchangeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[]}}|0",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"error\":{\"code\":-1}}}|0",
            "{\"jsonrpc\":\"2.0\",\"id\":\"\\\"error\\\":{\\\"code\\\":5\",\"result\":{}}|0",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":\"Unknown tool\"}}|-32602",
            "{\"jsonrpc\":\"2.0\",\"id\":\"\\\"result\\\":\",\"error\":{\"code\":-32000,\"message\":\"busy\"}}|-32000",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}|-32700",
    })
    void errorCode_encodedResponse_readsTheTopLevelErrorOnly(String response, int expected) {
        assertThat(ObservedExchange.errorCode(response.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }
}
