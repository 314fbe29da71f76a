package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code ./sb test}
 * installs) watches the dashboard while a loop of {@code tools/call} runs over real HTTP: the
 * numbers must move, and once the load stops the page's total must equal the one in /metrics. A
 * screenshot lands in {@code target/dashboard.png}. The agents table shows a row per agent and member,
 * names as text.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void dashboard_underLoad_numbersMoveAndAgreeWithMetrics() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) throw new AssertionError("chromium and chromium-driver must be installed (./sb test installs them)");
        assumeTrue(installed, "chromium and chromium-driver are not installed; ./sb test installs them");
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults())) {
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicLong calls = new AtomicLong();
            String session = demo.initialize();
            Thread load = Thread.ofVirtual().start(() -> {
                int id = 1;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (loading.get() && System.nanoTime() < deadline) {
                    try {
                        if (demo.mcp(session, ServedDemo.add(id++, id, 1)).statusCode() == 200) calls.incrementAndGet();
                        Thread.sleep(2);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            // an agent named with markup: the page must show it as text, not run it
            Map<String, Object> files = new java.util.HashMap<>(Map.of("name", "<b>files</b>", "ready", true, "members", 1, "inFlight", 0, "queued", 0,
                    "openCircuits", 1, "restarts", 2L, "failovers", 3L, "calls", 12L, "meanMicros", 850.5));
            files.put("memberList", List.of(Map.of("id", 4, "outstanding", 0, "calls", 12L, "circuit", "OPEN", "alive", true, "meanMicros", 812.5)));
            demo.ops.showAgents(() -> List.of(files));
            WebDriver browser = chrome();
            try {
                browser.get(demo.base() + "/");
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> number(browser, "rps") > 0);
                long firstTotal = (long) number(browser, "total");
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> number(browser, "total") > firstTotal);
                assertThat(number(browser, "p99")).isGreaterThan(0);
                assertThat(text(browser, "sessions")).isEqualTo("1");
                assertThat(text(browser, "status")).isEqualTo("live");
                assertThat(browser.findElements(By.cssSelector("#agents-rows b"))).isEmpty();
                assertThat(browser.findElement(By.cssSelector("#agents-rows tr[data-key='<b>files</b>']")).getText())
                        .isEqualTo("<b>files</b> ready 1 0 0 1 2 3 12 850.5");
                assertThat(browser.findElement(By.cssSelector("#members-rows tr[data-key='<b>files</b>#4']")).getText())
                        .isEqualTo("<b>files</b> #4 alive OPEN 0 12 812.5");
                Thread.sleep(3_000); // a few seconds of lines on the charts for the screenshot
                Path shot = Path.of("target", "dashboard.png");
                Files.createDirectories(shot.getParent());
                Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                assertThat(Files.size(shot)).isGreaterThan(10_000);


                loading.set(false);
                load.join();
                double settled = awaitSettled(browser);
                String metrics = demo.get("/metrics").body();
                assertThat(settled).isEqualTo(sumOfRequestCounts(metrics));
                assertThat(settled).isGreaterThanOrEqualTo(calls.get());
            } finally {
                loading.set(false);
                browser.quit();
            }
        }
    }

    private static WebDriver chrome() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The page's total once two snapshots in a row agree (the load has stopped and a second has passed). */
    private static double awaitSettled(WebDriver browser) {
        double[] last = {-1};
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(1_100)).until(() -> {
            double now = number(browser, "total");
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
        return last[0];
    }

    private static double sumOfRequestCounts(String metrics) {
        Matcher m = Pattern.compile("^mcp_requests_seconds_count\\{[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        double sum = 0;
        while (m.find()) sum += Double.parseDouble(m.group(1));
        return sum;
    }

    private static double number(WebDriver browser, String id) {
        String raw = browser.findElement(By.id(id)).getDomAttribute("data-value");
        if (raw == null) raw = text(browser, id).replace(",", "");
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }
}
