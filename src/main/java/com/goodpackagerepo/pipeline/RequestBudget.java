package com.goodpackagerepo.pipeline;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Enforces {@code ops.limits.max_cpu_ms_per_request} and {@code max_io_ops_per_request}. CPU is the
 * thread's CPU time spent inside ops, not counting the time spent moving blob bytes (bounded separately
 * by the body size limits); an I/O op is one store read or write, or one index row returned.
 */
public final class RequestBudget {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long maxCpuNanos;
    private final long maxIoOps;
    private long cpuNanos;
    private long ioOps;

    public RequestBudget(long maxCpuMillis, long maxIoOps) {
        this.maxCpuNanos = maxCpuMillis <= 0 ? Long.MAX_VALUE : maxCpuMillis * 1_000_000L;
        this.maxIoOps = maxIoOps <= 0 ? Long.MAX_VALUE : maxIoOps;
    }

    public static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    public void chargeCpu(long nanos) {
        cpuNanos += nanos;
        if (cpuNanos > maxCpuNanos) {
            throw new DomainException(ErrorCode.BUDGET_EXCEEDED,
                    "Request exceeded its CPU budget of " + maxCpuNanos / 1_000_000 + " ms");
        }
    }

    public void chargeIo(long ops) {
        ioOps += ops;
        if (ioOps > maxIoOps) {
            throw new DomainException(ErrorCode.BUDGET_EXCEEDED,
                    "Request exceeded its budget of " + maxIoOps + " I/O operations");
        }
    }
}
