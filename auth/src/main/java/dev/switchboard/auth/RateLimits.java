package dev.switchboard.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import dev.switchboard.mcp.Principal;
import dev.switchboard.transport.Authenticator;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Request rate limits per client address, per principal and per tenant (token buckets from
 * Bucket4j, one per key, refilled greedily each second, forgotten after a minute unused). It wraps
 * the authenticator, or stands alone when authorization is off (then only the address limit
 * applies): a request over a limit gets 429 with {@code Retry-After} and a JSON-RPC error naming
 * the limit's key. The address is checked first, so a flood of bad tokens is limited before any
 * token is verified.
 */
public final class RateLimits implements Authenticator {
    public static final ConfigKey<Integer> PER_ADDRESS = ConfigKey.integer("limits.address.perSecond", 0, 0, 10_000_000,
            "requests per second one client address may make to the MCP endpoint (0: no limit)");
    public static final ConfigKey<Integer> PER_PRINCIPAL = ConfigKey.integer("limits.principal.perSecond", 0, 0, 10_000_000,
            "requests per second one authenticated principal may make (0: no limit)");
    public static final ConfigKey<Integer> PER_TENANT = ConfigKey.integer("limits.tenant.perSecond", 0, 0, 10_000_000,
            "requests per second the principals of one tenant may make together (0: no limit)");
    /** Every rate-limit key. */
    public static final List<ConfigKey<?>> KEYS = List.of(PER_ADDRESS, PER_PRINCIPAL, PER_TENANT);
    private static final Verdict ANONYMOUS = new Verdict.Allowed(null);

    private final Authenticator inner;
    private final Limit address;
    private final Limit principal;
    private final Limit tenant;

    /** {@code inner} authenticates ({@code null}: nobody is authenticated, every request is allowed as anonymous). */
    public RateLimits(Authenticator inner, int perAddress, int perPrincipal, int perTenant) {
        this.inner = inner;
        this.address = Limit.of(PER_ADDRESS.name(), "client address", perAddress);
        this.principal = Limit.of(PER_PRINCIPAL.name(), "principal", perPrincipal);
        this.tenant = Limit.of(PER_TENANT.name(), "tenant", perTenant);
    }

    /** The limits {@code config} sets around {@code inner}, or {@code inner} itself when it sets none. */
    public static Authenticator around(Authenticator inner, Config config) {
        int a = config.get(PER_ADDRESS), p = config.get(PER_PRINCIPAL), t = config.get(PER_TENANT);
        return a == 0 && p == 0 && t == 0 ? inner : new RateLimits(inner, a, p, t);
    }

    @Override
    public Verdict authenticate(String path, SocketAddress client, Function<String, String> header) {
        Verdict.Refused over = address == null || client == null ? null : address.take(client instanceof InetSocketAddress i ? i.getAddress().getHostAddress() : client.toString());
        if (over != null) return over;
        Verdict verdict = inner == null ? ANONYMOUS : inner.authenticate(path, client, header);
        if (!(verdict instanceof Verdict.Allowed allowed) || allowed.principal() == null) return verdict;
        Principal who = allowed.principal();
        if (principal != null && (over = principal.take(who.subject())) != null) return over;
        if (tenant != null && who.tenant() != null && (over = tenant.take(who.tenant())) != null) return over;
        return verdict;
    }

    @Override
    public Verdict.Refused insufficientScope(List<String> scopes) {
        if (inner == null) throw new IllegalStateException("no authenticator behind the rate limits to refuse a scope");
        return inner.insufficientScope(scopes);
    }

    /** One limit: a bucket per key. */
    private record Limit(String key, String what, int perSecond, Cache<String, Bucket> buckets) {
        static Limit of(String key, String what, int perSecond) {
            if (perSecond == 0) return null;
            return new Limit(key, what, perSecond, Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(1)).maximumSize(100_000).build());
        }

        Verdict.Refused take(String id) {
            Bucket bucket = buckets.get(id, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) return null;
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            return new Verdict.Refused(429, Map.of("Retry-After", Long.toString(seconds)),
                    "Rate limit exceeded: " + key + " = " + perSecond + " for this " + what + "; retry after " + seconds + " s");
        }
    }
}
