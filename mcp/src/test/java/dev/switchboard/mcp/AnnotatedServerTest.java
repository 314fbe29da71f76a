package dev.switchboard.mcp;

import dev.switchboard.mcp.spi.SessionHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A whole server in one annotated class: {@code @Tool}, {@code @Resource} and {@code @Prompt} side by side. */
class AnnotatedServerTest {
    public static final class Notes {
        @Tool(description = "Adds two numbers")
        public int add(@Arg(name = "a") int a, @Arg(name = "b") int b) {
            return a + b;
        }

        @Resource(uri = "notes://readme", description = "How to use the notes", mimeType = "text/plain")
        public String readme() {
            return "Read me";
        }

        @Resource(uri = "notes://{id}", name = "note", description = "A note by id")
        public String note(@Arg(name = "id") String id, Context context) {
            return "note " + id;
        }

        @Prompt(description = "Asks for a review", title = "Review")
        public String review(@Arg(name = "code", description = "the code") String code,
                             @Arg(name = "tone", required = false) String tone) {
            return "Review " + code + (tone == null ? "" : " in a " + tone + " tone");
        }
    }

    private final McpServer server = McpServer.builder("notes", "1.0").annotated(new Notes()).build();
    private long ids;

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void annotated_everyKind_isListedWithItsDefinition() {
        Session s = session();
        assertThat(send(s, "tools/list", "{}").at("/result/tools/0/name").asString()).isEqualTo("add");
        assertThat(send(s, "resources/list", "{}").at("/result/resources/0/uri").asString()).isEqualTo("notes://readme");
        JsonNode template = send(s, "resources/templates/list", "{}").at("/result/resourceTemplates/0");
        assertThat(template.get("uriTemplate").asString()).isEqualTo("notes://{id}");
        assertThat(template.get("name").asString()).isEqualTo("note");
        JsonNode prompt = send(s, "prompts/list", "{}").at("/result/prompts/0");
        assertThat(prompt.get("name").asString()).isEqualTo("review");
        assertThat(prompt.get("title").asString()).isEqualTo("Review");
        assertThat(prompt.at("/arguments/0/required").asBoolean()).isTrue();
        assertThat(prompt.at("/arguments/1/required").isMissingNode()).isTrue();
    }

    @Test
    void annotated_calls_reachTheMethods() {
        Session s = session();
        assertThat(send(s, "tools/call", "{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}}").at("/result/content/0/text").asString()).isEqualTo("5");
        assertThat(send(s, "resources/read", "{\"uri\":\"notes://readme\"}").at("/result/contents/0/text").asString()).isEqualTo("Read me");
        assertThat(send(s, "resources/read", "{\"uri\":\"notes://42\"}").at("/result/contents/0/text").asString()).isEqualTo("note 42");
        assertThat(send(s, "prompts/get", "{\"name\":\"review\",\"arguments\":{\"code\":\"x()\",\"tone\":\"kind\"}}")
                .at("/result/messages/0/content/text").asString()).isEqualTo("Review x() in a kind tone");
    }

    public static final class BadTemplate {
        @Resource(uri = "notes://{id}")
        public String note(@Arg(name = "other") String other) {
            return other;
        }
    }

    @Test
    void annotated_parameterThatIsNoTemplateVariable_isRefusedNamingIt() {
        assertThatThrownBy(() -> McpServer.builder("bad", "1").annotated(new BadTemplate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter 'other' is no variable of 'notes://{id}'");
    }

    private Session session() {
        Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
        send(s, "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}");
        return s;
    }

    private JsonNode send(Session s, String method, String params) {
        RecordingExchange ex = new RecordingExchange();
        s.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":" + (++ids) + ",\"method\":\"" + method + "\",\"params\":" + params + "}"), ex);
        return ex.await();
    }
}
