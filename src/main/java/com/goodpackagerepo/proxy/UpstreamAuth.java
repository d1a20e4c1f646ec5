package com.goodpackagerepo.proxy;

import com.goodpackagerepo.schema.UpstreamDef;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The credentials header for an upstream's {@code auth}: mode {@code none}, {@code basic} (username in the
 * schema, password from env {@code password_env}), {@code bearer_token} (env {@code token_env}) or
 * {@code api_key} (header {@code header}, value from env {@code key_env}). Secrets are read from the
 * environment at call time and never stored, logged or copied into the schema.
 */
final class UpstreamAuth {
    private UpstreamAuth() {
    }

    static Optional<Map.Entry<String, String>> header(UpstreamDef.Auth auth) {
        return header(auth, name -> System.getenv(name));
    }

    static Optional<Map.Entry<String, String>> header(UpstreamDef.Auth auth, UnaryOperator<String> env) {
        return switch (auth.mode()) {
            case "bearer_token" -> secret(env, auth.tokenEnv()).map(t -> Map.entry("Authorization", "Bearer " + t));
            case "basic" -> secret(env, auth.passwordEnv())
                    .map(p -> Map.entry("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (auth.username() + ":" + p).getBytes(StandardCharsets.UTF_8))));
            case "api_key" -> secret(env, auth.keyEnv()).map(k -> Map.entry(auth.header(), k));
            default -> Optional.empty();
        };
    }

    private static Optional<String> secret(UnaryOperator<String> env, String name) {
        return Optional.ofNullable(env.apply(name)).filter(v -> !v.isEmpty());
    }
}
