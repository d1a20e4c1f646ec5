package com.goodpackagerepo.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's mode ({@code gpr.cluster.mode}, env {@code GPR_CLUSTER_MODE}: {@code single} or {@code cluster})
 * and this node's id ({@code gpr.cluster.node-id}, env {@code GPR_CLUSTER_NODE_ID}; derived from host name and
 * HTTP port when unset, so two nodes on one host differ).
 */
@ApplicationScoped
public class ClusterSettings {
    static final int MAX_NODE_ID_LENGTH = 64;

    @Inject
    @ConfigProperty(name = "gpr.cluster.mode", defaultValue = "single")
    String mode;

    @Inject
    @ConfigProperty(name = "gpr.cluster.node-id")
    Optional<String> nodeId;

    @Inject
    @ConfigProperty(name = "gpr.db.kind", defaultValue = "h2")
    String dbKind;

    @Inject
    @ConfigProperty(name = "http.port", defaultValue = "9080")
    String httpPort;

    public ClusterMode mode() {
        return ClusterMode.parse(mode);
    }

    public boolean clustered() {
        return mode() == ClusterMode.CLUSTER;
    }

    /** This node's id: the configured one, else {@code <host>-<http port>}. */
    public String nodeId() {
        return nodeId.map(String::trim).filter(id -> !id.isEmpty())
                .map(ClusterSettings::checkedNodeId)
                .orElseGet(() -> checkedNodeId(hostName() + "-" + httpPort));
    }

    /** Fails with a message an operator can act on when the configuration cannot run in its mode. */
    public void requireRunnable() {
        ClusterMode m = mode();
        if (m == ClusterMode.CLUSTER && !"postgresql".equalsIgnoreCase(dbKind == null ? "" : dbKind.trim())) {
            throw new IllegalStateException("gpr.cluster.mode=cluster needs PostgreSQL (gpr.db.kind=postgresql,"
                    + " GPR_DB_KIND/GPR_DB_URL); the configured database kind is '" + dbKind + "'");
        }
        nodeId();
    }

    static String checkedNodeId(String id) {
        String cleaned = id.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        if (cleaned.isEmpty() || cleaned.length() > MAX_NODE_ID_LENGTH) {
            throw new IllegalArgumentException("gpr.cluster.node-id must be 1.." + MAX_NODE_ID_LENGTH
                    + " characters of [a-z0-9._-], not '" + id + "'");
        }
        return cleaned;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
