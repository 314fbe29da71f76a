package dev.switchboard.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.examples.DemoServer;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Every scenario at small N over real sockets, against our demo server and the Netty floor. */
class LoadGeneratorTest {
    private static McpServer server;
    private static StreamableHttpServer http;
    private static FloorServer floor;
    private static URI ours;
    private static URI theFloor;

    @BeforeAll
    static void start() throws Exception {
        server = DemoServer.create();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        ours = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
        floor = FloorServer.start("127.0.0.1", 0);
        theFloor = URI.create(floor.url());
    }

    @AfterAll
    static void stop() {
        http.close();
        server.close();
        floor.close();
    }

    /** A spec with small defaults: N requests over C connections, 2 event loops, 5 s timeout; sustained and fanout run 0.5 s. */
    static LoadSpec spec(Scenario s, URI url, int n, int c) {
        LoadSpec d = LoadSpec.of(s, url);
        Duration run = s == Scenario.SUSTAINED || s == Scenario.FANOUT ? Duration.ofMillis(500) : Duration.ofMinutes(1);
        return new LoadSpec(s, url, null, null, null, "add", "{\"a\":1,\"b\":2}", n, c, 50, 0.98, 400, run,
                40, 4, Duration.ofMillis(200), 5, 10, d.resource(), d.triggerTool(), 0, Duration.ofSeconds(5), 0, 2);
    }

    private static void assertAllOk(LoadResult r, long expected) {
        assertThat(r.errors()).isEmpty();
        assertThat(r.ok()).isEqualTo(expected);
        assertThat(r.latency().p50()).isPositive();
        assertThat(r.latency().max()).isGreaterThanOrEqualTo(r.latency().p99());
        assertThat(r.throughput()).isPositive();
    }

    @Test
    void sequential_ourServer_everyCallSucceeds() throws Exception {
        assertAllOk(LoadGenerator.run(spec(Scenario.SEQUENTIAL, ours, 200, 1), Progress.NONE), 200);
    }

    @Test
    void concurrent_ourServerAndFloor_everyCallSucceeds() throws Exception {
        LoadResult r = LoadGenerator.run(spec(Scenario.CONCURRENT, ours, 2_000, 20), Progress.NONE);
        assertAllOk(r, 2_000);
        assertThat(r.connections()).isEqualTo(20);
        assertAllOk(LoadGenerator.run(spec(Scenario.CONCURRENT, theFloor, 2_000, 20), Progress.NONE), 2_000);
    }

    @Test
    void burst_allAtOnce_passesAtFullSuccess() throws Exception {
        LoadResult r = LoadGenerator.run(spec(Scenario.BURST, ours, 0, 0), Progress.NONE);
        assertAllOk(r, 50);
        assertThat(r.extra()).containsEntry("passed", true);
    }

    @Test
    void burst_unknownTool_failsBelowTheSuccessRate() throws Exception {
        LoadSpec s = spec(Scenario.BURST, ours, 0, 0);
        LoadSpec unknownTool = new LoadSpec(s.scenario(), s.url(), null, null, null, "no_such_tool", "{}", 0, 0, 30, 0.98, 0, s.duration(),
                0, 1, s.hold(), 0, 1, s.resource(), s.triggerTool(), 0, s.timeout(), 0, 2);
        LoadResult r = LoadGenerator.run(unknownTool, Progress.NONE);
        assertThat(r.ok()).isZero();
        assertThat(r.errors()).containsEntry("json-rpc error", 30L);
        assertThat(r.extra()).containsEntry("passed", false);
    }

    @Test
    void sustained_fixedRate_reportsDegradationAndMemoryOfThisProcess() throws Exception {
        LoadSpec s = spec(Scenario.SUSTAINED, ours, 0, 10);
        long self = ProcessHandle.current().pid();
        LoadResult r = LoadGenerator.run(s.withTarget(ours, self), Progress.NONE);
        assertAllOk(r, 200); // 400/s for 0.5 s
        assertThat((Double) r.extra().get("degradationRatio")).isPositive();
        assertThat(r.extra()).containsKeys("serverRssGrowthBytes", "serverHeapGrowthBytes");
    }

    @Test
    void churn_newSessionPerIteration_allEnded() throws Exception {
        int before = server.sessionCount();
        assertAllOk(LoadGenerator.run(spec(Scenario.CHURN, ours, 100, 5), Progress.NONE), 100);
        assertThat(server.sessionCount()).isEqualTo(before);
    }

    @Test
    void stateless_ourServer_everyCallSucceedsWithoutASession() throws Exception {
        int before = server.sessionCount();
        assertAllOk(LoadGenerator.run(spec(Scenario.STATELESS, ours, 1_000, 10), Progress.NONE), 1_000);
        assertThat(server.sessionCount()).isEqualTo(before);
    }

    @Test
    void stateless_aServerThatRefusesTheEra_countsTheErrors() throws Exception {
        LoadSpec wrongTool = new LoadSpec(Scenario.STATELESS, ours, null, null, null, "no_such_tool", "{}", 20, 2, 50, 0.98, 400, Duration.ofMinutes(1),
                40, 4, Duration.ofMillis(200), 5, 10, "r", "t", 0, Duration.ofSeconds(5), 0, 2);
        LoadResult r = LoadGenerator.run(wrongTool, Progress.NONE);
        assertThat(r.ok()).isZero();
        assertThat(r.errors()).isNotEmpty();
    }

    @Test
    void churn_againstTheFloor_runs() throws Exception {
        assertAllOk(LoadGenerator.run(spec(Scenario.CHURN, theFloor, 100, 5), Progress.NONE), 100);
    }

    @Test
    void idleSessions_holdStreamsFromSeveralSourceAddresses() throws Exception {
        LoadResult r = LoadGenerator.run(spec(Scenario.IDLE_SESSIONS, ours, 0, 0).withTarget(ours, ProcessHandle.current().pid()), Progress.NONE);
        assertAllOk(r, 40);
        assertThat(r.extra()).containsEntry("sessionsHeld", 40L).containsEntry("connectionsStillOpenAfterHold", 40L).containsKey("serverRssPerSessionBytes");
    }

    @Test
    void fanout_everySubscriberHearsEveryUpdate() throws Exception {
        LoadResult r = LoadGenerator.run(spec(Scenario.FANOUT, ours, 0, 0), Progress.NONE);
        assertThat(r.extra()).containsEntry("expected", 25L).containsEntry("delivered", 25L); // 5 subscribers × 10 Hz × 0.5 s
        assertAllOk(r, 25);
    }

    @Test
    void plainHttp_postToTheFloor_andRefusesSessionScenarios() throws Exception {
        LoadSpec s = spec(Scenario.CONCURRENT, theFloor, 500, 10);
        LoadSpec plain = new LoadSpec(s.scenario(), s.url(), null, "POST", "{}", s.tool(), s.arguments(), 500, 10, 50, 0.98, 100, s.duration(),
                1, 1, s.hold(), 1, 1, s.resource(), s.triggerTool(), 0, s.timeout(), 0, 2);
        assertAllOk(LoadGenerator.run(plain, Progress.NONE), 500);
        assertThatThrownBy(() -> LoadGenerator.run(plain.withScenario(Scenario.CHURN), Progress.NONE)).hasMessageContaining("plain HTTP mode runs");
    }

    @Test
    void unreachableServer_countsConnectErrors() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:1/mcp");
        LoadResult r = LoadGenerator.run(spec(Scenario.CONCURRENT, nowhere, 10, 2), Progress.NONE);
        assertThat(r.ok()).isZero();
        assertThat(r.errors()).isNotEmpty();
    }

    @Test
    void reports_jsonAndHtmlAreWrittenAndParse(@TempDir Path dir) throws Exception {
        LoadResult r = LoadGenerator.run(spec(Scenario.CONCURRENT, ours, 500, 5), Progress.NONE);
        Path json = dir.resolve("r.json");
        Path html = dir.resolve("r.html");
        JsonReport.write(r, json);
        HtmlReport.write(r, html);
        JsonNode parsed = new ObjectMapper().readTree(Files.readString(json));
        assertThat(parsed.get("ok").asLong()).isEqualTo(500);
        assertThat(parsed.at("/latency/p99").asDouble()).isPositive();
        assertThat(parsed.get("timeline").isArray()).isTrue();
        String page = Files.readString(html);
        assertThat(page).startsWith("<!doctype html>").contains("<svg", "Latency by percentile", "Throughput over time").doesNotContain("<script src", "http://cdn", "https://");
        assertThat(page.split("<svg", -1)).hasSize(4);
    }

    @Test
    void degradation_lastTenthOverFirstTenth() {
        long[] latencies = new long[100];
        for (int i = 0; i < 100; i++) latencies[i] = i < 10 ? 100 : i >= 90 ? 300 : 1;
        assertThat(HttpScenarios.degradation(latencies)).isEqualTo(3.0);
    }

    @Test
    void heapInfo_parallelAndG1() {
        assertThat(ServerMemory.heapUsed(" PSYoungGen      total 76288K, used 2621K [0x1, 0x2, 0x3)\n  eden space 65536K, 4% used\n ParOldGen       total 175104K, used 1000K [0x1)\n Metaspace       used 900K\n"))
                .isEqualTo((2621 + 1000) * 1024L);
        assertThat(ServerMemory.heapUsed(" garbage-first heap   total 262144K, used 12345K [0x1, 0x2)\n  region size 1024K\n")).isEqualTo(12345 * 1024L);
        assertThat(ServerMemory.heapUsed("nothing")).isEqualTo(-1);
    }

    @Test
    void sse_eventsSplitAcrossChunks() {
        List<String> seen = new java.util.ArrayList<>();
        SseParser p = new SseParser(seen::add);
        p.feed("id: 1\ndata: {\"a\"");
        p.feed(":1}\n\ndata:\n\n: keep-alive\n\ndata: x\r\n\r\n");
        assertThat(seen).containsExactly("{\"a\":1}", "x");
    }
}
