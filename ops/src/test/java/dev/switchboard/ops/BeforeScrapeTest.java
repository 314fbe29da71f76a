package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Operations#beforeScrape}: each refresh runs before every /metrics scrape, and one that fails does not cost the scrape. */
class BeforeScrapeTest {
    @Test
    void metrics_refreshesAddedOneFailing_eachRunsPerScrapeAndTheScrapeAnswers() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults())) {
            AtomicInteger runs = new AtomicInteger();
            demo.ops.beforeScrape(() -> {
                throw new IllegalStateException("agents gone");
            });
            demo.ops.beforeScrape(() -> {
                if (runs.incrementAndGet() == 1) Gauge.builder("test.refreshed", () -> 42).register(demo.ops.registry());
            });
            HttpResponse<String> first = demo.get("/metrics");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("test_refreshed 42.0");
            demo.get("/metrics");
            assertThat(runs).hasValue(2);
        }
    }
}
