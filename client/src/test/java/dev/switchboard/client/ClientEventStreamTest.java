package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientEventStreamTest {

    private static List<ClientEventStream.Event> events(String body) throws IOException {
        List<ClientEventStream.Event> events = new ArrayList<>();
        try (ClientEventStream stream = stream(body)) {
            for (ClientEventStream.Event e = stream.next(); e != null; e = stream.next()) {
                events.add(e);
            }
        }
        return events;
    }

    private static ClientEventStream stream(String body) {
        return new ClientEventStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void next_multiLineData_joinsLinesWithNewline() throws IOException {
        assertThat(events("data: {\"a\":\ndata: 1}\n\n"))
                .containsExactly(new ClientEventStream.Event(null, "message", "{\"a\":\n1}"));
    }

    @Test
    void next_mixedLineEndings_allEndLines() throws IOException {
        assertThat(events("id: 1\r\ndata: x\r\n\r\ndata: y\rid: 2\r\rdata:z\n\n"))
                .extracting(ClientEventStream.Event::id, ClientEventStream.Event::data)
                .containsExactly(tuple("1", "x"), tuple("2", "y"),
                        tuple("2", "z"));
    }

    @Test
    void next_commentsUnknownFieldsAndPrimingEvents_areSkippedButIdsKept() throws IOException {
        ClientEventStream stream = stream(": keep-alive\nid: p-0\ndata:\n\nfoo: bar\nevent: message\ndata: {}\n\n");
        ClientEventStream.Event event = stream.next();
        assertThat(event).isEqualTo(new ClientEventStream.Event("p-0", "message", "{}"));
        assertThat(stream.next()).isNull();
        assertThat(stream.lastEventId()).isEqualTo("p-0");
    }

    @Test
    void next_eventTypeAndRetry_areRead() throws IOException {
        ClientEventStream stream = stream("retry: 1500\nevent: endpoint\ndata: /messages\n\nretry: soon\n\n");
        assertThat(stream.next()).isEqualTo(new ClientEventStream.Event(null, "endpoint", "/messages"));
        assertThat(stream.next()).isNull();
        assertThat(stream.retryMillis()).isEqualTo(1500);
    }

    @Test
    void next_unterminatedLastEvent_isDropped() throws IOException {
        assertThat(events("data: one\n\ndata: two")).extracting(ClientEventStream.Event::data).containsExactly("one");
    }

    @Test
    void next_valueWithoutSpaceOrWithTwo_keepsAllButOneSpace() throws IOException {
        assertThat(events("data:a\n\ndata:  b\n\n")).extracting(ClientEventStream.Event::data).containsExactly("a", " b");
    }

    @Test
    void next_eventOverTheLimit_throwsAndSkipEventGoesOnWithTheNext() throws IOException {
        String body = "data: small\n\n" + "data: " + "x".repeat(3_000) + "\n\n" + "data: a\r\ndata: " + "y".repeat(900) + "\r\ndata: z\r\n\r\n"
                + "id: 7\ndata: after\n\n";
        try (ClientEventStream stream = new ClientEventStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 1024)) {
            assertThat(stream.next().data()).isEqualTo("small");
            org.assertj.core.api.Assertions.assertThatThrownBy(stream::next).isInstanceOf(ClientEventStream.TooLarge.class)
                    .hasMessage("an event of more than 1024 bytes (the limit per message)");
            assertThat(stream.skipEvent()).isTrue();
            assertThat(stream.next().data()).startsWith("a\nyyy").endsWith("y\nz"); // 3 lines under the limit together
            assertThat(stream.next()).extracting(ClientEventStream.Event::id, ClientEventStream.Event::data).containsExactly("7", "after");
            assertThat(stream.next()).isNull();
        }
    }
}
