package dev.switchboard.mcp;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.JsonRpc;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a request's {@link ContextFrame} is read from its token's claims and its {@code _meta}, and
 * what a valid one is. The claim names are settings (the authorization server decides them); the
 * {@code _meta} keys carry this server's reverse-DNS prefix, as the specification asks of custom
 * keys: {@value #TENANT_META}, {@value #STAGE_META}, {@value #RISK_META}, {@value #FLAGS_META}.
 *
 * <p>Which side wins: the token. {@code _meta} may name the token's own tenant or stage (or one
 * when the token names none) and may lower the risk allowance the token grants; a {@code _meta}
 * value that contradicts the token, raises its risk, or names a stage outside {@code auth.stages}
 * is refused with -32602 naming the key and the value. Without a token (authorization off) the
 * client's {@code _meta} is all there is.
 *
 * @param stageClaim the token claim that names the stage
 * @param riskClaim  the token claim that names the highest risk the token allows ({@code low},
 *                   {@code medium}, {@code high}); absent: {@code high}
 * @param flagsClaim the token claim that carries flags (a list, or a space-separated string)
 * @param stages     the stages a frame may name; empty: any
 * @param confirmDestructive when a call of a tool annotated {@code destructiveHint: true} must first
 *                   be confirmed by the user ({@link DestructiveConfirmation})
 */
public record FrameRules(String stageClaim, String riskClaim, String flagsClaim, Set<String> stages, Confirm confirmDestructive) {
    /** When a destructive tool's call needs the user's confirmation. */
    public enum Confirm {
        /** Never asked (the default). */
        NEVER,
        /** Every call of a destructive tool. */
        ALWAYS,
        /** Calls whose frame's risk allowance is below {@code high}. */
        BY_RISK;

        static Confirm parse(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    public static final String TENANT_META = "io.switchboard/tenant";
    public static final String STAGE_META = "io.switchboard/stage";
    public static final String RISK_META = "io.switchboard/risk";
    public static final String FLAGS_META = "io.switchboard/flags";

    public static final ConfigKey<String> STAGE_CLAIM = ConfigKey.string("auth.stageClaim", "stage", "token claim that names the request's stage");
    public static final ConfigKey<String> RISK_CLAIM = ConfigKey.string("auth.riskClaim", "risk",
            "token claim that names the highest risk (low, medium, high) the token allows; a client's _meta may lower it, never raise it");
    public static final ConfigKey<String> FLAGS_CLAIM = ConfigKey.string("auth.flagsClaim", "flags", "token claim that carries the frame's flags");
    public static final ConfigKey<String> STAGES = ConfigKey.string("auth.stages", "dev,test,staging,prod",
            "comma-separated stages a request's frame may name (empty: any)");

    public static final ConfigKey<String> CONFIRM_DESTRUCTIVE = ConfigKey.choice("auth.confirmDestructive", "never", List.of("never", "always", "by-risk"),
            "when a call of a tool annotated destructiveHint: true first asks the user to confirm (elicitation, or an input_required round): never, always, or by-risk (when the request's risk allowance is below high)");

    /** Every frame key, for {@link Config#load} (listed with the auth keys). */
    public static final List<ConfigKey<?>> KEYS = List.of(STAGE_CLAIM, RISK_CLAIM, FLAGS_CLAIM, STAGES, CONFIRM_DESTRUCTIVE);

    public FrameRules {
        stages = Set.copyOf(stages);
        java.util.Objects.requireNonNull(confirmDestructive, "confirmDestructive");
    }

    public static FrameRules from(Config c) {
        return new FrameRules(c.get(STAGE_CLAIM), c.get(RISK_CLAIM), c.get(FLAGS_CLAIM),
                Set.copyOf(Arrays.stream(c.get(STAGES).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()),
                Confirm.parse(c.get(CONFIRM_DESTRUCTIVE)));
    }

    /** The same rules with destructive tools confirmed per {@code c}. */
    public FrameRules withConfirmDestructive(Confirm c) {
        return new FrameRules(stageClaim, riskClaim, flagsClaim, stages, c);
    }

    /** The defaults: claims {@code stage}, {@code risk}, {@code flags}; stages dev, test, staging, prod. */
    public static FrameRules defaults() {
        return from(Config.defaults(KEYS));
    }

    /**
     * The frame of {@code r} sent by {@code principal} ({@code null}: nobody authenticated) with
     * {@code deadline} ({@code null}: none).
     *
     * @throws McpException -32602 naming the {@code _meta} key or claim and the value that is refused
     */
    ContextFrame frame(Decoded.Request r, Principal principal, Duration deadline) {
        ObjectNode meta = r.meta();
        if (principal == null && deadline == null && (meta == null || !namesFrame(meta))) return ContextFrame.OPEN;
        String tokenTenant = principal == null ? null : principal.tenant();
        String tokenStage = principal == null ? null : claimString(principal, stageClaim);
        ContextFrame.Risk allowed = ContextFrame.Risk.HIGH;
        if (principal != null && principal.claims().get(riskClaim) != null) {
            Object claimed = principal.claims().get(riskClaim);
            allowed = claimed instanceof String s ? ContextFrame.Risk.parse(s) : null;
            if (allowed == null) throw refused("the token's claim \"" + riskClaim + "\" names no known risk (low, medium, high): " + claimed);
        }
        String tenant = agreeing(TENANT_META, metaString(meta, TENANT_META), tokenTenant, "tenant");
        String stage = agreeing(STAGE_META, metaString(meta, STAGE_META), tokenStage, "stage");
        if (stage != null && !stages.isEmpty() && !stages.contains(stage))
            throw refused("unknown stage '" + stage + "'" + (tokenStage != null ? " (token claim \"" + stageClaim + "\")" : " (_meta \"" + STAGE_META + "\")")
                    + "; known stages: " + String.join(", ", stages.stream().sorted().toList()));
        ContextFrame.Risk risk = allowed;
        String askedRisk = metaString(meta, RISK_META);
        if (askedRisk != null) {
            risk = ContextFrame.Risk.parse(askedRisk);
            if (risk == null) throw refused("_meta \"" + RISK_META + "\" must be low, medium or high, not '" + askedRisk + "'");
            if (risk.compareTo(allowed) > 0)
                throw refused("_meta \"" + RISK_META + "\" asks for risk '" + risk.wireName() + "' but the token allows at most '" + allowed.wireName() + "'");
        }
        Set<String> flags = new LinkedHashSet<>();
        if (principal != null) addFlags(flags, principal.claims().get(flagsClaim));
        JsonNode metaFlags = meta == null ? null : meta.get(FLAGS_META);
        if (metaFlags != null) {
            if (!metaFlags.isArray()) throw refused("_meta \"" + FLAGS_META + "\" must be an array of strings, not " + metaFlags);
            for (JsonNode f : metaFlags) {
                if (!f.isString()) throw refused("_meta \"" + FLAGS_META + "\" must be an array of strings; found " + f);
                flags.add(f.asString());
            }
        }
        return new ContextFrame(tenant, stage, risk, deadline, flags);
    }

    private static boolean namesFrame(ObjectNode meta) {
        return meta.has(TENANT_META) || meta.has(STAGE_META) || meta.has(RISK_META) || meta.has(FLAGS_META);
    }

    /** The token's value, or the client's when the token names none; a client's value that contradicts the token is refused. */
    private static String agreeing(String metaKey, String asked, String fromToken, String what) {
        if (asked != null && fromToken != null && !asked.equals(fromToken))
            throw refused("_meta \"" + metaKey + "\" names " + what + " '" + asked + "' but the access token's " + what + " is '" + fromToken + "'");
        return fromToken != null ? fromToken : asked;
    }

    private static String metaString(ObjectNode meta, String key) {
        JsonNode v = meta == null ? null : meta.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isString() || v.asString().isBlank()) throw refused("_meta \"" + key + "\" must be a non-empty string, not " + v);
        return v.asString();
    }

    private static String claimString(Principal p, String claim) {
        Object v = p.claims().get(claim);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    private static void addFlags(Set<String> into, Object claim) {
        if (claim instanceof String s) {
            for (String part : s.split(" ")) if (!part.isBlank()) into.add(part);
        } else if (claim instanceof Collection<?> list) {
            for (Object o : list) if (o instanceof String s && !s.isBlank()) into.add(s);
        }
    }

    private static McpException refused(String message) {
        return new McpException(JsonRpc.Error.invalidParams("Invalid context frame: " + message));
    }
}
