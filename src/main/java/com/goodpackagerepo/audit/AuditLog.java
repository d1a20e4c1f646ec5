package com.goodpackagerepo.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodpackagerepo.json.Json;
import com.goodpackagerepo.storage.WriteBatch;
import com.goodpackagerepo.storage.engines.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records an audit event twice: as one JSON line on the {@code com.goodpackagerepo.audit} logger (for log
 * shipping) and as a system event in the durable LMDB event log (readable at {@code GET /admin/events}).
 * System events are not declared in the schema's {@code events.types}: they are written here, not by the
 * {@code emit.event} op, so that list does not constrain them. Payloads never hold secrets. A failure to
 * store the event is logged, never turned into a failure of the action that was audited (it has happened).
 */
@ApplicationScoped
public class AuditLog {
    static final String LOGGER = "com.goodpackagerepo.audit";
    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final int MAX_NAME = 128;

    @Inject
    Stores stores;

    /** Records {@code type} (e.g. {@code auth.login_failed}) done by {@code by}, with {@code details}. */
    public void record(String type, String by, ObjectNode details) {
        ObjectNode payload = Json.object();
        payload.put("by", by == null || by.length() <= MAX_NAME ? by : by.substring(0, MAX_NAME) + "…");
        payload.put("at", Instant.now().toString());
        if (details != null) {
            payload.setAll(details);
        }
        ObjectNode line = Json.object();
        line.put("audit", type);
        line.setAll(payload);
        LOG.info(line::toString);
        try {
            WriteBatch batch = stores.metadata().newBatch();
            batch.appendEvent(type, payload);
            batch.commit();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "audit event " + type + " was logged but not stored in the event log", e);
        }
    }

    /** A details object to fill. */
    public static ObjectNode details() {
        return Json.object();
    }
}
