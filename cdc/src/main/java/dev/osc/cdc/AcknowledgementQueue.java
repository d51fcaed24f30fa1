package dev.osc.cdc;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The records delivered but not yet acknowledged, in delivery order, each under the sequence of
 * the batch it belongs to. The stream's thread adds and releases; any thread acknowledges.
 * Releasing hands the records of acknowledged batches, oldest first, to the engine's committer,
 * so the offset the engine flushes never runs ahead of a batch whose keys are still pending
 * (gh-ost #1684 lost writes on resume when a position ran ahead of queued changes).
 *
 * @param <R> the engine's record type
 */
final class AcknowledgementQueue<R> {

    /** Marks one record processed with the engine's committer (valid on the stream's thread only). */
    @FunctionalInterface
    interface Committer<R> {
        void markProcessed(R record) throws InterruptedException;
    }

    private record Entry<R>(long sequence, List<R> records, StreamPosition position) {
    }

    private final ArrayDeque<Entry<R>> entries = new ArrayDeque<>();
    private volatile long delivered;
    private volatile long acknowledged;
    private volatile StreamPosition releasedPosition;

    /** Queues the records of a batch that goes to the sink under a new sequence, and returns it. */
    long deliver(List<R> records, StreamPosition position) {
        long sequence = delivered + 1;
        entries.addLast(new Entry<>(sequence, List.copyOf(records), position));
        delivered = sequence;
        return sequence;
    }

    /**
     * Queues records that carry no key (heartbeats, schema changes, other tables' tombstones):
     * they follow the last delivered batch and are released with it.
     */
    void follow(List<R> records, StreamPosition position) {
        entries.addLast(new Entry<>(delivered, List.copyOf(records), position));
    }

    /** Every batch up to and including {@code sequence} is done. */
    synchronized void acknowledge(long sequence) {
        if (sequence > delivered) {
            throw new IllegalArgumentException("cannot acknowledge batch " + sequence + ": only " + delivered + " delivered");
        }
        if (sequence > acknowledged) {
            acknowledged = sequence;
        }
    }

    /** Marks processed, oldest first, the records of every acknowledged batch; returns how many. */
    int release(Committer<R> committer) throws InterruptedException {
        long upTo = acknowledged;
        int released = 0;
        while (!entries.isEmpty() && entries.peekFirst().sequence() <= upTo) {
            Entry<R> entry = entries.peekFirst();
            for (R record : entry.records()) {
                committer.markProcessed(record);
                released++;
            }
            entries.removeFirst();
            if (entry.position() != null) {
                releasedPosition = entry.position();
            }
        }
        return released;
    }

    long delivered() {
        return delivered;
    }

    long acknowledged() {
        return acknowledged;
    }

    /** The position of the newest released entry, or null before the first release. */
    StreamPosition releasedPosition() {
        return releasedPosition;
    }

    /** Entries waiting for an acknowledgement. */
    int waiting() {
        return entries.size();
    }
}
