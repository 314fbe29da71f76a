package dev.switchboard.load;

import dev.switchboard.cluster.LocalNats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages the local NATS servers have received so far (the sum of {@code in_msgs} in each
 * server's {@code /varz}, routes included), to count what a round of requests sends over NATS.
 */
final class NatsMessages {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final LocalNats nats;

    NatsMessages(LocalNats nats) {
        this.nats = nats;
    }

    /** The sum over the servers of messages received, or -1 when a server's /varz cannot be read. */
    long received() {
        long sum = 0;
        for (int i = 0; i < nats.size(); i++) {
            try {
                HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nats.monitorPort(i) + "/varz"))
                        .timeout(Duration.ofSeconds(2)).build();
                JsonNode varz = JSON.readTree(http.send(r, HttpResponse.BodyHandlers.ofString()).body());
                sum += varz.path("in_msgs").asLong();
            } catch (IOException | RuntimeException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return sum;
    }
}
