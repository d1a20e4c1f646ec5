package com.goodpackagerepo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With tracing on, a route is one pipeline span with a child span per op that ran. */
class PipelineTracingTest {
    @TempDir
    Path dir;

    @Test
    void pipelineAndOpsAreSpans() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        Tracer tracer = provider.get("test");
        try (PipelineHarness harness = new PipelineHarness(dir)) {
            Field executorField = PipelineHarness.class.getDeclaredField("executor");
            executorField.setAccessible(true);
            PipelineExecutor executor = (PipelineExecutor) executorField.get(harness);
            executor.tracers = instanceOf(tracer);
            harness.run("PUT", "/v1/a/b/1.0.0/x/blob", PipelineHarness.WRITER, "traced");
        }
        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData pipeline = spans.stream().filter(s -> s.getName().equals("pipeline publish_artifact_blob")).findFirst().orElseThrow();
        List<String> ops = spans.stream().filter(s -> s.getParentSpanId().equals(pipeline.getSpanId()))
                .map(SpanData::getName).toList();
        assertEquals("op auth.require_scopes", ops.get(0));
        assertTrue(ops.contains("op blob.put") && ops.contains("op kv.cas_put") && ops.contains("op txn.commit"), ops.toString());
        assertEquals(13, ops.size(), "one span per op of the publish pipeline");
        provider.close();
    }

    @SuppressWarnings("unchecked")
    private static Instance<Tracer> instanceOf(Tracer tracer) {
        return (Instance<Tracer>) Proxy.newProxyInstance(Instance.class.getClassLoader(), new Class<?>[] {Instance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isResolvable" -> true;
                    case "get" -> tracer;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
