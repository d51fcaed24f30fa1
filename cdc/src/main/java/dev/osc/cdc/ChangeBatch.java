package dev.osc.cdc;

import java.util.Iterator;
import java.util.List;

/**
 * The changed keys of one delivered batch: its sequence (strictly increasing per stream, from 1),
 * the keys in stream order, and the source position of the batch's last record (null when the
 * connector reported none). {@link ChangeStream#acknowledge} takes the sequence back once every
 * key of the batch is committed to the shadow.
 */
public record ChangeBatch(long sequence, List<ChangedKey> changes, StreamPosition position) implements Iterable<ChangedKey> {
    public ChangeBatch {
        if (sequence <= 0) {
            throw new IllegalArgumentException("a batch sequence starts at 1, got " + sequence);
        }
        changes = List.copyOf(changes);
    }

    @Override
    public Iterator<ChangedKey> iterator() {
        return changes.iterator();
    }

    public int size() {
        return changes.size();
    }
}
