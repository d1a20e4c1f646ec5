package com.goodpackagerepo.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Cluster signals for unit tests: records what would be published for the other nodes. */
public class RecordingSignals extends ClusterSignals {
    public final List<ClusterSignal> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String topic, String payload) {
        published.add(new ClusterSignal(topic, payload == null ? "" : payload));
    }

    /** The payloads published under {@code topic}, in order. */
    public List<String> payloads(String topic) {
        return published.stream().filter(s -> s.is(topic)).map(ClusterSignal::payload).toList();
    }
}
