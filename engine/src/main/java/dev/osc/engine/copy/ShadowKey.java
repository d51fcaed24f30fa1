package dev.osc.engine.copy;

/**
 * The shadow's primary key, which a dialect may leave off for the copy (PostgreSQL: a bare heap
 * takes rows much faster, as pg_repack's does). The applier finds shadow rows by their key, so no
 * change is applied before the key is built; until then changes only collect as dirty keys, which
 * holds back the stream's acknowledgement. So the key is built early when the waiting changes or
 * what the stream holds back grow past a limit ({@link #dueEarly}), when the copy is throttled,
 * and at the latest before the first catch-up.
 */
public interface ShadowKey {
    /** A shadow that kept its key for the copy. */
    ShadowKey PRESENT = new ShadowKey() {
        @Override
        public boolean present() {
            return true;
        }

        @Override
        public String dueEarly(int dirtyKeys) {
            return null;
        }

        @Override
        public void build(String why) {
        }
    };

    boolean present();

    /** Why the key must be built now, mid-copy, with {@code dirtyKeys} changes waiting; null while it need not. */
    String dueEarly(int dirtyKeys) throws Exception;

    /** Builds the key (once: afterwards {@link #present} is true); {@code why} is said before it blocks the copy. */
    void build(String why) throws Exception;
}
