package com.goodpackagerepo.cluster;

import com.goodpackagerepo.config.ConfigService;
import com.goodpackagerepo.config.RepositoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Keeps every node on the newest configuration (routes, upstreams, features, GC settings, ...): a node that installs
 * a newer revision than it knew signals it; a node told of a revision newer than its own reloads from the database
 * (and, since it then knows that revision, does not signal it again).
 */
@ApplicationScoped
public class ConfigPropagation {
    private static final Logger LOG = Logger.getLogger(ConfigPropagation.class.getName());

    @Inject
    ClusterSignals signals;

    @Inject
    ConfigService configService;

    private long known = -1;

    void onInstalled(@Observes RepositoryConfig config) {
        boolean newer;
        synchronized (this) {
            newer = known >= 0 && config.revision() > known;
            known = Math.max(known, config.revision());
        }
        if (newer) {
            signals.publish(ClusterSignal.CONFIG_CHANGED, Long.toString(config.revision()));
        }
    }

    void onSignal(@Observes ClusterSignal signal) {
        if (!signal.is(ClusterSignal.CONFIG_CHANGED)) {
            return;
        }
        long revision = Long.parseLong(signal.payload());
        synchronized (this) {
            if (revision <= known) {
                return;
            }
            known = revision;
        }
        configService.reload();
        LOG.info(() -> "configuration revision " + revision + " from another node loaded");
    }
}
