package com.goodpackagerepo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.config.ConfigCompiler;
import com.goodpackagerepo.config.InvalidConfigException;
import com.goodpackagerepo.config.RepositoryConfig;
import com.goodpackagerepo.config.validation.ValidationReport;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/** Keeps the compiled form of the current configuration; refuses a candidate that cannot be compiled. */
@ApplicationScoped
public class CompiledConfigHolder implements ConfigCompiler {
    @Inject
    OpRegistry registry;

    private volatile CompiledConfig current;

    public CompiledConfig current() {
        CompiledConfig compiled = current;
        if (compiled == null) {
            throw new DomainException(ErrorCode.UNAVAILABLE, "Configuration is not loaded yet");
        }
        return compiled;
    }

    @Override
    public void check(JsonNode schema) {
        try {
            new CompiledConfig(new RepositoryConfig(schema, -1, new ValidationReport(List.of(), List.of())), registry);
        } catch (RuntimeException e) {
            throw new InvalidConfigException("val.compile: " + e.getMessage());
        }
    }

    void onConfig(@Observes RepositoryConfig config) {
        current = new CompiledConfig(config, registry);
    }
}
