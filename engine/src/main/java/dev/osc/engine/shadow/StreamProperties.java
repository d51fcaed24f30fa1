package dev.osc.engine.shadow;

import dev.osc.engine.run.Connector;
import java.util.Properties;

/**
 * The Debezium settings every run's stream shares, whatever the database: one connector named
 * after the run, no snapshot (the copy is the snapshot), keys delivered as text (decimals as
 * strings), no retries behind osc's back, and the server's address and credentials. The dialect
 * adds its connector class and what only its connector knows.
 */
public final class StreamProperties {
    private StreamProperties() {
    }

    public static Properties common(String id, Connector connector) {
        Properties p = new Properties();
        p.setProperty("name", id);
        p.setProperty("topic.prefix", id);
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        p.setProperty("offset.flush.interval.ms", "1000");
        p.putAll(connector.streamConnection());
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("poll.interval.ms", "10");
        p.setProperty("errors.max.retries", "0");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("decimal.handling.mode", "string");
        return p;
    }
}
