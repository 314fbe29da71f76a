package dev.switchboard.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opaque access tokens, asked about at the authorization server's RFC 7662 endpoint with this
 * server's client credentials. An active answer is kept until the token's {@code exp} (at most
 * {@link #MAX_CACHE}), so a busy client costs one round trip per token, not per request; the
 * cache is bounded and keyed by the token's SHA-256, never the token itself.
 */
final class Introspection {
    static final Duration MAX_CACHE = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An introspection answer: the token's claims when active. */
    record Answer(boolean active, JsonNode claims, long keepUntilMillis) {}

    private final URI endpoint;
    private final String authorization;
    private final HttpClient http;
    private final Map<String, Answer> cache = new ConcurrentHashMap<>();

    Introspection(URI endpoint, String clientId, String clientSecret, HttpClient http) {
        this.endpoint = endpoint;
        this.http = http;
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The authorization server's answer about {@code token}; an exception when it cannot be asked. */
    Answer introspect(String token) throws IOException, InterruptedException {
        String key = sha256(token);
        long now = System.currentTimeMillis();
        Answer cached = cache.get(key);
        if (cached != null && cached.keepUntilMillis() > now) return cached;
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&token_type_hint=access_token"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IOException("introspection endpoint answered HTTP " + r.statusCode());
        JsonNode doc = JSON.readTree(r.body());
        boolean active = doc.path("active").asBoolean(false);
        long exp = doc.path("exp").asLong(0) * 1000;
        long keep = Math.min(now + MAX_CACHE.toMillis(), exp > 0 ? exp : now + MAX_CACHE.toMillis());
        Answer answer = new Answer(active, doc, active ? keep : now + 5_000);
        if (cache.size() >= MAX_ENTRIES) cache.entrySet().removeIf(e -> e.getValue().keepUntilMillis() <= now);
        if (cache.size() < MAX_ENTRIES) cache.put(key, answer);
        return answer;
    }

    private static String sha256(String token) {
        try {
            return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
