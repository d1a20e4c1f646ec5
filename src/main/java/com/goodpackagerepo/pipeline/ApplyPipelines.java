package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.storage.ReplicaApplier;
import com.goodpackagerepo.storage.ReplicatedBatch;
import com.goodpackagerepo.storage.event.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Runs the schema's {@code replication.apply_pipelines} for a replicated log entry: each event in order through
 * the pipeline {@code replication.replay.apply_pipelines} maps its type to, in apply mode
 * ({@link PipelineExecutor#apply}), all writing into one batch the replica then applies with its position. An event
 * id met twice is applied once (at-least-once shipping).
 */
@ApplicationScoped
public class ApplyPipelines implements ReplicaApplier {
    private static final Logger LOG = Logger.getLogger(ApplyPipelines.class.getName());

    private final CompiledConfigHolder compiled;
    private final PipelineExecutor executor;

    /** For the container's client proxy only. */
    protected ApplyPipelines() {
        this(null, null);
    }

    @Inject
    public ApplyPipelines(CompiledConfigHolder compiled, PipelineExecutor executor) {
        this.compiled = compiled;
        this.executor = executor;
    }

    /** Empty (the write-set is applied) until the configuration is compiled: the tail may start before it. */
    @Override
    public Optional<List<ReplicatedBatch.Write>> writesOf(List<StoredEvent> events) {
        CompiledConfig config;
        try {
            config = compiled.current();
        } catch (DomainException notLoadedYet) {
            return Optional.empty();
        }
        return writesOf(config, events);
    }

    /** {@link #writesOf(List)} under a given configuration revision. */
    public Optional<List<ReplicatedBatch.Write>> writesOf(CompiledConfig config, List<StoredEvent> events) {
        ReplicaWriteBatch batch = new ReplicaWriteBatch();
        ReplicaWriteBatch.Boundary boundary = new ReplicaWriteBatch.Boundary(batch);
        Set<String> seen = new HashSet<>();
        for (StoredEvent event : events) {
            List<OpCall> steps = config.applyPipeline(event.type());
            if (steps == null) {
                return Optional.empty();
            }
            if (!seen.add(event.eventId())) {
                continue;
            }
            try {
                executor.apply(PipelineContext.forEvent(config, steps, event, boundary), steps);
            } catch (DomainException e) {
                LOG.warning(() -> "apply pipeline of " + event.type() + " event " + event.eventId() + " failed: "
                        + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(batch.writes());
    }
}
