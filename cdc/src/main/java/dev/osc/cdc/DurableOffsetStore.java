package dev.osc.cdc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * A Debezium offset store that keeps its offsets in an {@link OffsetJournal} registered under the
 * name given by the connector property {@value #JOURNAL_PROPERTY}: the engine's state row, not
 * memory or a file in /tmp. Debezium creates the store by its class name, so the journal is
 * found through {@link #register}. Only acknowledged records are ever marked processed
 * ({@link DebeziumChangeStream}), so what is saved is a position whose changes the shadow holds.
 */
public final class DurableOffsetStore extends MemoryOffsetBackingStore {
    /** The connector property naming the journal this store writes to. */
    public static final String JOURNAL_PROPERTY = "osc.offset.journal";
    private static final Map<String, OffsetJournal> JOURNALS = new ConcurrentHashMap<>();

    private OffsetJournal journal;

    /** Makes {@code journal} the store of every stream whose {@value #JOURNAL_PROPERTY} is {@code name}; close the result to forget it. */
    public static AutoCloseable register(String name, OffsetJournal journal) {
        JOURNALS.put(name, journal);
        return () -> JOURNALS.remove(name, journal);
    }

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        String name = config.originalsStrings().get(JOURNAL_PROPERTY);
        journal = name == null ? null : JOURNALS.get(name);
        if (journal == null) {
            throw new ConnectException("no offset journal is registered under " + JOURNAL_PROPERTY + "=" + name);
        }
    }

    @Override
    public synchronized void start() {
        super.start();
        try {
            data.putAll(decode(journal.load()));
        } catch (Exception e) {
            throw new ConnectException("could not read the stream's saved position: " + e.getMessage(), e);
        }
    }

    @Override
    protected void save() {
        try {
            journal.save(encode(data));
        } catch (Exception e) {
            throw new ConnectException("could not save the stream's position: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    /**
     * The text a stream's store would hold had it saved {@code offset} for {@code partition}: the key
     * and the value written as the engine's offset writer writes them (schemaless JSON, the key being
     * the connector's name and the partition). A stream started on this journal starts there.
     */
    public static String startingAt(String connector, Map<String, ?> partition, Map<String, ?> offset) {
        try (JsonConverter key = new JsonConverter(); JsonConverter value = new JsonConverter()) {
            key.configure(Map.of("schemas.enable", "false"), true);
            value.configure(Map.of("schemas.enable", "false"), false);
            return encode(Map.of(ByteBuffer.wrap(key.fromConnectData(connector, null, Arrays.asList(connector, partition))),
                    ByteBuffer.wrap(value.fromConnectData(connector, null, offset))));
        }
    }

    /** One line per offset: the key and the value, each in base64, separated by a space. */
    static String encode(Map<ByteBuffer, ByteBuffer> offsets) {
        StringBuilder out = new StringBuilder();
        Base64.Encoder b64 = Base64.getEncoder();
        for (Map.Entry<ByteBuffer, ByteBuffer> e : offsets.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            out.append(b64.encodeToString(bytes(e.getKey()))).append(' ').append(b64.encodeToString(bytes(e.getValue()))).append('\n');
        }
        return out.toString();
    }

    static Map<ByteBuffer, ByteBuffer> decode(String text) {
        Map<ByteBuffer, ByteBuffer> out = new HashMap<>();
        if (text == null) {
            return out;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] kv = line.strip().split(" ", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("not an offset line: " + line);
            }
            out.put(ByteBuffer.wrap(b64.decode(kv[0])), ByteBuffer.wrap(b64.decode(kv[1])));
        }
        return out;
    }

    /** The saved offsets as readable text (the JSON the converter wrote), for messages and tests. */
    public static String describe(String text) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<ByteBuffer, ByteBuffer> e : decode(text).entrySet()) {
            out.append(out.length() == 0 ? "" : "; ").append(new String(bytes(e.getValue()), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
