package com.goodpackagerepo.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Bounds on upstream calls, for every upstream a {@code proxy.fetch} op names (each upstream is
 * checked once, however many ops use it; an unknown upstream is reported at the op's
 * {@code args.upstream}):
 * <ul>
 *   <li>{@code proxy_fetch_requires_timeouts: true} — {@code timeouts_ms.connect} and {@code .read} are
 *       integers in 1..{@value #MAX_TIMEOUT_MS};</li>
 *   <li>{@code proxy_fetch_requires_retry_bounds: true} — {@code retry.max_attempts} is an integer in
 *       1..{@value #MAX_ATTEMPTS} and {@code retry.backoff_ms} one in 0..{@value #MAX_BACKOFF_MS}.</li>
 * </ul>
 * Violations name the setting, e.g. {@code upstreams.originA.retry.max_attempts}.
 */
public final class ProxyFetchRequirements {

    public static final long MAX_TIMEOUT_MS = 300_000;
    public static final long MAX_ATTEMPTS = 10;
    public static final long MAX_BACKOFF_MS = 60_000;

    private ProxyFetchRequirements() {
    }

    static RequirementEvaluator timeouts() {
        return context -> forEachFetchedUpstream(context, (upstream, path) -> {
            String base = path + ".timeouts_ms";
            if (requireObject(upstream.path("timeouts_ms"), base, context)) {
                bounded(upstream.path("timeouts_ms"), base, "connect", 1, MAX_TIMEOUT_MS, context);
                bounded(upstream.path("timeouts_ms"), base, "read", 1, MAX_TIMEOUT_MS, context);
            }
        });
    }

    static RequirementEvaluator retryBounds() {
        return context -> forEachFetchedUpstream(context, (upstream, path) -> {
            String base = path + ".retry";
            if (requireObject(upstream.path("retry"), base, context)) {
                bounded(upstream.path("retry"), base, "max_attempts", 1, MAX_ATTEMPTS, context);
                bounded(upstream.path("retry"), base, "backoff_ms", 0, MAX_BACKOFF_MS, context);
            }
        });
    }

    private static void forEachFetchedUpstream(RequirementContext context, BiConsumer<JsonNode, String> check) {
        if (!context.requireTrueArgument()) {
            return;
        }
        JsonNode upstreams = context.schema().path("upstreams");
        Map<String, JsonNode> fetched = new LinkedHashMap<>();
        for (OpRef op : Pipelines.allOps(context.schema())) {
            if (!op.op().equals("proxy.fetch")) {
                continue;
            }
            String name = op.textArg("upstream");
            if (name == null || !upstreams.path(name).isObject()) {
                context.report(op.argPath("upstream"),
                        JsonValues.describe(op.arg("upstream")) + " is not declared in upstreams");
            } else {
                fetched.putIfAbsent(name, upstreams.get(name));
            }
        }
        fetched.forEach((name, upstream) -> check.accept(upstream, SchemaPaths.child("upstreams", name)));
    }

    private static boolean requireObject(JsonNode node, String path, RequirementContext context) {
        if (node.isObject()) {
            return true;
        }
        context.report(path, "is required for upstreams used by proxy.fetch");
        return false;
    }

    private static void bounded(JsonNode parent, String parentPath, String name, long min, long max,
                                RequirementContext context) {
        JsonNode value = parent.path(name);
        if (!JsonValues.isIntegerIn(value, min, max)) {
            context.report(parentPath + "." + name,
                    "must be an integer in " + min + ".." + max + ", was " + JsonValues.describe(value));
        }
    }
}
