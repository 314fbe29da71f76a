package dev.switchboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestsTest {
    @Test
    void call_isAValidRequestWithTheRightLength() {
        Requests r = new Requests(URI.create("http://127.0.0.1:8080/mcp"), "add", "{\"a\":1,\"b\":2}");
        for (long id : new long[] {0, 7, 9, 10, 99, 100, 123456789012L}) {
            ByteBuf buf = r.call(r.postHead("s1"), id).encode(ByteBufAllocator.DEFAULT);
            String text = buf.toString(StandardCharsets.UTF_8);
            buf.release();
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}}";
            assertThat(text).startsWith("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
                    .contains("Mcp-Session-Id: s1\r\n", "Content-Length: " + body.length() + "\r\n\r\n")
                    .endsWith("\r\n\r\n" + body);
        }
    }
}
