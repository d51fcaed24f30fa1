package dev.osc.engine.demo;

import java.util.List;

/** A running demo write workload, on either database. */
public interface DemoLoad extends AutoCloseable {
    long transactions();

    List<String> errors();

    long maxLatencyMillis();

    @Override
    void close() throws InterruptedException;
}
