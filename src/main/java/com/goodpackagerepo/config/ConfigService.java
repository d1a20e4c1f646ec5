package com.goodpackagerepo.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.config.jpa.JpaConfigRepository;
import com.goodpackagerepo.config.validation.ConfigValidator;
import com.goodpackagerepo.config.validation.InvariantResult;
import com.goodpackagerepo.config.validation.ValidationReport;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Holds the current configuration in memory and is the only way to change it: every change builds a
 * candidate, validates it with every load-time check, persists it and swaps it in atomically.
 */
@ApplicationScoped
public class ConfigService {
    private static final Logger LOG = Logger.getLogger(ConfigService.class.getName());

    @Inject
    JpaConfigRepository repository;

    @Inject
    Event<RepositoryConfig> changes;

    @Inject
    jakarta.enterprise.inject.Instance<ConfigCompiler> compilers;

    private final ConfigValidator validator = new ConfigValidator();
    private volatile RepositoryConfig current;

    public RepositoryConfig current() {
        RepositoryConfig config = current;
        if (config == null) {
            throw new DomainException(ErrorCode.UNAVAILABLE, "Configuration is not loaded yet");
        }
        return config;
    }

    /** Loads the stored schema, importing {@code seed} on first start; refuses an invalid one. */
    public void initialize(SeedSchema seed) {
        var stored = repository.load();
        if (stored.isPresent()) {
            JsonNode schema = stored.get().schema();
            ObjectNode upgraded = schema.isObject() ? ((ObjectNode) schema).deepCopy() : null;
            if (upgraded != null && ReplicationUpgrade.upgrade(upgraded, seed.read())) {
                ValidationReport report = validate(upgraded);
                long revision = repository.replace(upgraded, stored.get().revision(), "upgrade: replication apply pipelines");
                install(upgraded, revision, report);
                LOG.info(() -> "configuration upgraded: replication apply pipelines from the seed (revision " + revision + ")");
                return;
            }
            install(schema, stored.get().revision());
            LOG.info(() -> "configuration revision " + current.revision() + " loaded from the database");
            return;
        }
        JsonNode schema = seed.read();
        ValidationReport report = validate(schema);
        long revision = repository.replace(schema, 0, "seed:" + seed.origin());
        install(schema, revision, report);
        LOG.info(() -> "imported seed schema from " + seed.origin());
    }

    /**
     * Applies a change to a copy of the current schema; persists it only when every check passes.
     * {@code expectedRevision} is the revision the caller saw: a different current or stored revision means
     * another change came first (409 CONFLICT), so no change is ever built on a stale schema. Changes are
     * serialized in this process; the stored revision guards against anything else writing the tables.
     */
    public synchronized RepositoryConfig update(long expectedRevision, String by, Consumer<ObjectNode> change) {
        RepositoryConfig base = current();
        if (base.revision() != expectedRevision) {
            throw new DomainException(ErrorCode.CONFLICT, "Configuration is at revision " + base.revision()
                    + ", your change was based on " + expectedRevision + "; reload and retry");
        }
        ObjectNode candidate = base.schema().deepCopy();
        change.accept(candidate);
        ValidationReport report = validate(candidate);
        long revision = repository.replace(candidate, expectedRevision, by);
        install(candidate, revision, report);
        return current;
    }

    /** Re-reads the database (after a restore or a change made by another instance). */
    public void reload() {
        repository.load().ifPresent(s -> install(s.schema(), s.revision()));
    }

    private void install(JsonNode schema, long revision) {
        install(schema, revision, validate(schema));
    }

    private synchronized void install(JsonNode schema, long revision, ValidationReport report) {
        for (InvariantResult invariant : report.invariants()) {
            if (!invariant.holds()) {
                LOG.warning(() -> "invariant " + invariant.id() + " does not hold: " + invariant.message());
            }
        }
        current = new RepositoryConfig(schema, revision, report);
        changes.fire(current);
    }

    private ValidationReport validate(JsonNode schema) {
        ValidationReport report = validator.validate(schema);
        if (!report.isValid()) {
            String all = report.violations().stream()
                    .map(v -> v.checkId() + " at " + v.path() + ": " + v.message())
                    .collect(Collectors.joining("; "));
            throw new InvalidConfigException(all);
        }
        compilers.forEach(compiler -> compiler.check(schema));
        return report;
    }
}
