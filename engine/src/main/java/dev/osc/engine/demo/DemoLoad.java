package dev.osc.engine.demo;

import java.util.List;

/** A running demo write workload, on either database. */
public interface DemoLoad extends AutoCloseable {
    long transactions();

    List<String> errors();

    long maxLatencyMillis();

    /** Transaction latency at a percentile, in milliseconds. */
    double latencyPercentileMillis(double percent);

    @Override
    void close() throws InterruptedException;
}
