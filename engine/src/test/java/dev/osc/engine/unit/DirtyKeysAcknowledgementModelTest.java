package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.copy.KeyBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A random model of the acknowledgement rule: a stream delivers numbered batches of keys into the
 * real {@link DirtyKeys} while an applier drains, commits (sometimes with stale keys) or puts
 * batches back, and a copier marks keys of no batch. The model knows which keys still wait for an
 * apply that started after their change, and after every step checks that
 * {@link DirtyKeys#acknowledgeable()} never passes the newest batch of such a key: a restart from
 * the acknowledged position would not deliver it again. Once everything is applied, the
 * acknowledgement reaches the last batch. Drivers that break the rule of use (acknowledge on
 * drain, stale keys marked as of no batch, delivery announced before its keys are marked) must
 * make the model fail.
 */
class DirtyKeysAcknowledgementModelTest {
    static final int SEEDS = 300;
    static final int STEPS = 400;
    static final int KEY_SPACE = 40;

    /** How the driver uses DirtyKeys. */
    enum Driver {
        /** The documented use: mark a batch's keys, then delivered(); applied(batch, stale) only after the commit. */
        DOCUMENTED,
        /** Reports a batch applied as soon as it is drained, before its apply committed. */
        ACK_ON_DRAIN,
        /** Marks the stale keys of an apply as of no batch. */
        STALE_AS_NO_BATCH,
        /** Announces a batch delivered before marking its keys. */
        DELIVERED_BEFORE_MARKS
    }

    static final class Sim {
        final Random rnd;
        final Driver driver;
        final DirtyKeys dirty = new DirtyKeys();
        // the model
        final Map<List<String>, Long> newestBatch = new HashMap<>();   // the newest batch that marked the key (stream or stale)
        final Map<List<String>, Long> markedAt = new HashMap<>();      // step of the key's last tracked mark
        final Set<List<String>> waiting = new HashSet<>();             // keys whose last tracked change is not applied yet
        final List<KeyBatch> inFlight = new ArrayList<>();
        final Map<KeyBatch, Long> drainedAt = new HashMap<>();
        long step;
        long sequence;          // last batch the stream started
        long fullyMarked;       // last batch whose keys are all marked
        long lastAck;
        String violation;
        // what the run exercised
        int staleKeys;
        int restores;
        int remarkedInFlight;
        int emptyBatches;

        Sim(long seed, Driver driver) {
            this.rnd = new Random(seed);
            this.driver = driver;
        }

        static List<String> key(int k) {
            return List.of(Integer.toString(k));
        }

        void run() {
            for (int i = 0; i < STEPS && violation == null; i++) {
                int op = rnd.nextInt(10);
                if (op < 4) {
                    deliver();
                } else if (op < 6) {
                    drain();
                } else if (op < 8) {
                    commit(false);
                } else if (op < 9) {
                    restore();
                } else {
                    dirty.mark(key(rnd.nextInt(KEY_SPACE)), 0);  // the copier's unique-conflict repair
                    check();
                }
            }
            // drain and apply everything
            for (int guard = 0; violation == null && (dirty.size() > 0 || !inFlight.isEmpty()); guard++) {
                if (guard > 10_000) {
                    violation = "did not settle";
                    return;
                }
                if (inFlight.isEmpty()) {
                    drain();
                } else {
                    commit(true);
                }
            }
            if (violation == null && dirty.acknowledgeable() != sequence) {
                violation = "everything applied, but acknowledgeable() is " + dirty.acknowledgeable() + ", not " + sequence;
            }
        }

        void deliver() {
            long s = ++sequence;
            int n = rnd.nextInt(6);
            if (n == 0) {
                emptyBatches++;   // a batch of fence keys only
            }
            if (driver == Driver.DELIVERED_BEFORE_MARKS) {
                dirty.delivered(s);
                check();
            }
            for (int i = 0; i < n; i++) {
                List<String> k = key(rnd.nextInt(KEY_SPACE));
                step++;
                for (KeyBatch b : inFlight) {
                    if (b.keys().contains(k)) {
                        remarkedInFlight++;
                    }
                }
                dirty.mark(k, step, s);
                trackedMark(k, s);
                check();
            }
            fullyMarked = s;
            dirty.delivered(s);
            check();
        }

        void trackedMark(List<String> k, long s) {
            newestBatch.merge(k, s, Math::max);
            markedAt.put(k, step);
            waiting.add(k);
        }

        void drain() {
            if (inFlight.size() >= 2) {
                return;
            }
            KeyBatch b = dirty.drain(1 + rnd.nextInt(8));
            step++;
            if (b.isEmpty()) {
                return;
            }
            inFlight.add(b);
            drainedAt.put(b, step);
            if (driver == Driver.ACK_ON_DRAIN) {
                dirty.applied(b);
            }
            check();
        }

        void commit(boolean settling) {
            if (inFlight.isEmpty()) {
                return;
            }
            KeyBatch b = inFlight.remove(rnd.nextInt(inFlight.size()));
            long drained = drainedAt.remove(b);
            List<List<String>> stale = new ArrayList<>();
            if (!settling && rnd.nextInt(4) == 0) {
                for (int i = rnd.nextInt(3); i >= 0; i--) {
                    stale.add(key(rnd.nextInt(KEY_SPACE)));
                }
            }
            step++;
            // the apply re-read every key of the batch: changes marked before the drain are applied
            for (List<String> k : b.keys()) {
                Long at = markedAt.get(k);
                if (at != null && at < drained) {
                    waiting.remove(k);
                }
            }
            long lowest = b.lowestSequence();
            for (List<String> k : stale) {
                staleKeys++;
                if (lowest > 0) {
                    trackedMark(k, lowest);
                }
            }
            switch (driver) {
                case ACK_ON_DRAIN -> stale.forEach(k -> dirty.mark(k, 0, lowest));
                case STALE_AS_NO_BATCH -> {
                    dirty.applied(b);
                    stale.forEach(k -> dirty.mark(k, 0));
                }
                default -> dirty.applied(b, stale);
            }
            check();
        }

        void restore() {
            if (inFlight.isEmpty()) {
                return;
            }
            KeyBatch b = inFlight.remove(rnd.nextInt(inFlight.size()));
            drainedAt.remove(b);
            restores++;
            if (driver != Driver.ACK_ON_DRAIN) {
                dirty.restore(b);
            } else {
                // already reported applied: the keys go back as new marks
                for (int i = 0; i < b.size(); i++) {
                    dirty.mark(b.keys().get(i), b.txIds().get(i), b.sequences().get(i));
                }
            }
            check();
        }

        /** The highest acknowledgement a restart survives: below the newest batch of every waiting key. */
        long safeUpTo() {
            long safe = fullyMarked;
            for (List<String> k : waiting) {
                safe = Math.min(safe, newestBatch.get(k) - 1);
            }
            return safe;
        }

        void check() {
            long ack = dirty.acknowledgeable();
            long safe = safeUpTo();
            if (ack > safe) {
                violation = "acknowledgeable() " + ack + " passes a batch still waiting to be applied (safe up to " + safe + ")";
            } else if (ack < lastAck) {
                violation = "acknowledgeable() went back from " + lastAck + " to " + ack;
            }
            lastAck = ack;
        }
    }

    static List<String> violations(Driver driver) {
        List<String> out = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            Sim sim = new Sim(seed, driver);
            sim.run();
            if (sim.violation != null) {
                out.add("seed " + seed + ": " + sim.violation);
            }
        }
        return out;
    }

    @Test
    void acknowledgementNeverPassesAPendingKeyAndReachesTheLastBatch() {
        assertThat(violations(Driver.DOCUMENTED)).isEmpty();
        int stale = 0;
        int restores = 0;
        int remarked = 0;
        int empty = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Sim sim = new Sim(seed, Driver.DOCUMENTED);
            sim.run();
            stale += sim.staleKeys;
            restores += sim.restores;
            remarked += sim.remarkedInFlight;
            empty += sim.emptyBatches;
        }
        assertThat(stale).as("applies that found stale keys").isPositive();
        assertThat(restores).as("batches put back").isPositive();
        assertThat(remarked).as("keys marked again while in flight").isPositive();
        assertThat(empty).as("batches without keys").isPositive();
    }

    @Test
    void acknowledgingOnDrainIsCaught() {
        assertThat(violations(Driver.ACK_ON_DRAIN)).isNotEmpty();
    }

    @Test
    void staleKeysOfNoBatchAreCaught() {
        assertThat(violations(Driver.STALE_AS_NO_BATCH)).isNotEmpty();
    }

    @Test
    void announcingDeliveryBeforeTheMarksIsCaught() {
        assertThat(violations(Driver.DELIVERED_BEFORE_MARKS)).isNotEmpty();
    }
}
