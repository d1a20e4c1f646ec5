package com.goodpackagerepo.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cluster topology of docker-compose.cluster.yml and deploy/kubernetes-cluster (issue #14): three nodes in
 * cluster mode on PostgreSQL, each with its own data directory and one shared blob volume, behind a balancer that
 * checks /health/ready. (`kubectl kustomize deploy/kubernetes-cluster` and `haproxy -c` check the syntax.)
 */
class ClusterDeploymentFilesTest {

    private static String read(String path) throws Exception {
        return Files.readString(Path.of(path));
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void composeRunsThreeClusterNodesWithOwnDataAndSharedBlobsBehindHaproxy() throws Exception {
        String compose = read("docker-compose.cluster.yml");
        assertEquals(3, count(compose, "^  gpr[1-3]:$"), "three node services");
        assertTrue(compose.contains("GPR_CLUSTER_MODE: cluster"));
        assertTrue(compose.contains("GPR_DB_KIND: postgresql"));
        for (int k = 1; k <= 3; k++) {
            assertTrue(compose.contains("GPR_CLUSTER_NODE_ID: gpr" + k), "node id " + k);
            assertTrue(compose.contains("- gpr" + k + "-data:/data"), "own data volume " + k);
        }
        assertEquals(3, count(compose, "- gpr-blobs:/data/blobs$"), "every node mounts the shared blob volume");
        assertTrue(compose.contains("image: postgres:16"));
        assertTrue(compose.contains("./deploy/haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro"));
        String haproxy = read("deploy/haproxy/haproxy.cfg");
        assertTrue(haproxy.contains("uri /health/ready"));
        assertEquals(3, count(haproxy, "^  server gpr[1-3] gpr[1-3]:9080$"));
    }

    @Test
    void kubernetesRunsAStatefulSetOfThreeClusterNodesWithASharedBlobClaim() throws Exception {
        String sts = read("deploy/kubernetes-cluster/statefulset.yaml");
        assertTrue(sts.contains("kind: StatefulSet"));
        assertTrue(sts.contains("replicas: 3"));
        assertTrue(Pattern.compile("name: GPR_CLUSTER_MODE\\s+value: cluster").matcher(sts).find());
        assertTrue(sts.contains("fieldPath: metadata.name"), "node id = pod name");
        assertTrue(sts.contains("claimName: gpr-blobs"));
        assertTrue(sts.contains("mountPath: /data/blobs"));
        assertTrue(sts.contains("volumeClaimTemplates:"), "each pod its own data volume");
        assertTrue(sts.contains("path: /health/ready"));
        assertTrue(read("deploy/kubernetes-cluster/blobs-pvc.yaml").contains("- ReadWriteMany"));
        String kustomization = read("deploy/kubernetes-cluster/kustomization.yaml");
        assertTrue(kustomization.contains("- ../kubernetes"));
        assertTrue(kustomization.contains("kind: Deployment"), "the base's single-pod Deployment is deleted");
    }

    @Test
    void theLocalClusterScriptChecksReadinessThroughHaproxy() throws Exception {
        String script = read("deploy/local-cluster.sh");
        assertTrue(script.contains("uri /health/ready"));
        assertTrue(script.contains("env_line GPR_MANAGEMENT_PORT "), "the management port moves with each node's HTTP port");
        assertTrue(script.contains("env_line GPR_CLUSTER_MODE \"cluster\""));
        // the shipped server.env is run as a shell script (variable expansion): every value the script adds is quoted
        assertTrue(script.contains("printf \"%s='%s'\\n\""), "values single-quoted");
        assertTrue(!script.contains("echo \"GPR_"), "no unquoted assignment");
        assertTrue(Files.isExecutable(Path.of("deploy/local-cluster.sh")));
    }
}
