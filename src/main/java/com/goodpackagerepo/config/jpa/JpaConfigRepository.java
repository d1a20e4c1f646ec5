package com.goodpackagerepo.config.jpa;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Stores the repository schema in its JPA tables; every write replaces it whole under the revision lock. */
@ApplicationScoped
public class JpaConfigRepository {
    private static final List<Class<?>> ROW_TYPES = List.of(SectionRow.class, EntityRow.class,
            BlobStoreRow.class, UpstreamRow.class, FeatureRow.class, RouteRow.class);

    @PersistenceContext(unitName = "gpr")
    EntityManager em;

    /** The stored schema and its revision, or empty before the first import. */
    @Transactional
    public Optional<StoredSchema> load() {
        ConfigRevisionRow revision = em.find(ConfigRevisionRow.class, ConfigRevisionRow.SINGLETON_ID);
        if (revision == null) {
            return Optional.empty();
        }
        SchemaRows rows = new SchemaRows(all(SectionRow.class), all(EntityRow.class), all(BlobStoreRow.class),
                all(UpstreamRow.class), all(FeatureRow.class), all(RouteRow.class));
        return Optional.of(new StoredSchema(rows.assemble(), revision.getRevision()));
    }

    /**
     * Replaces the stored schema. {@code expectedRevision} is the revision the caller's change was built on;
     * a different stored revision means another write came first (409). Returns the new revision.
     */
    @Transactional
    public long replace(JsonNode schema, long expectedRevision, String by) {
        long now = System.currentTimeMillis();
        ConfigRevisionRow revision = em.find(ConfigRevisionRow.class, ConfigRevisionRow.SINGLETON_ID,
                LockModeType.PESSIMISTIC_WRITE);
        if (revision == null) {
            revision = new ConfigRevisionRow(0, now, by);
            em.persist(revision);
        } else if (revision.getRevision() != expectedRevision) {
            throw new DomainException(ErrorCode.CONFLICT, "Configuration changed concurrently (revision "
                    + revision.getRevision() + ", your change was based on " + expectedRevision + "); retry");
        }
        for (Class<?> type : ROW_TYPES) {
            em.createQuery("DELETE FROM " + type.getSimpleName() + " r").executeUpdate();
        }
        em.flush();
        SchemaRows rows = SchemaRows.split(schema);
        rows.sections().forEach(em::persist);
        rows.entities().forEach(em::persist);
        rows.blobStores().forEach(em::persist);
        rows.upstreams().forEach(em::persist);
        rows.features().forEach(em::persist);
        rows.routes().forEach(em::persist);
        revision.advance(now, by);
        return revision.getRevision();
    }

    private <T> List<T> all(Class<T> type) {
        return em.createQuery("SELECT r FROM " + type.getSimpleName() + " r", type).getResultList();
    }

    /** A schema as stored, with the revision it has. */
    public record StoredSchema(JsonNode schema, long revision) {
    }
}
