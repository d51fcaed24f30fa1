package dev.osc.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The only class that reads Kafka Connect types: turns one Debezium record into the key of the
 * changed row and reads its source position and partition. Tombstones, heartbeats and
 * schema-change records carry no row change and yield no key.
 */
final class SourceRecordKeys {
    private SourceRecordKeys() {
    }

    static Optional<ChangedKey> toChangedKey(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || !(record.key() instanceof Struct key)) {
            return Optional.empty();
        }
        if (value.schema().field("source") == null || value.schema().field("op") == null) {
            return Optional.empty();
        }
        Struct source = value.getStruct("source");
        // PostgreSQL names the schema; the MySQL family names the database
        String schema = stringField(source, "schema");
        if (schema == null) {
            schema = stringField(source, "db");
        }
        String table = stringField(source, "table");
        if (table == null) {
            return Optional.empty();
        }
        List<String> keyValues = new ArrayList<>();
        for (Field field : key.schema().fields()) {
            Object part = key.get(field);
            keyValues.add(part == null ? null : String.valueOf(part));
        }
        long txId = longField(source, "txId");
        long commitMillis = longField(source, "ts_ms");
        return Optional.of(new ChangedKey(schema == null ? "" : schema, table, keyValues, txId, commitMillis));
    }

    /** The source position in the record's offset, or null when it carries none. */
    static StreamPosition position(SourceRecord record) {
        return StreamPosition.fromOffset(record.sourceOffset());
    }

    static boolean hasOffset(SourceRecord record) {
        return record.sourceOffset() != null;
    }

    /** The source partition the record's offset belongs to (one per connector for PostgreSQL and MariaDB). */
    static Map<String, ?> partition(SourceRecord record) {
        return record.sourcePartition();
    }

    private static String stringField(Struct struct, String name) {
        return struct.schema().field(name) == null ? null : struct.getString(name);
    }

    private static long longField(Struct struct, String name) {
        if (struct.schema().field(name) == null) {
            return 0;
        }
        Object v = struct.get(name);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
