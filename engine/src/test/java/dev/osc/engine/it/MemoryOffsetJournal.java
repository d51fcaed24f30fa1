package dev.osc.engine.it;

import dev.osc.cdc.OffsetJournal;
import java.util.concurrent.atomic.AtomicReference;

/** A stream's offsets held in memory, starting from the given text (a pinned start), for tests of one stream's life. */
final class MemoryOffsetJournal implements OffsetJournal {
    private final AtomicReference<String> saved;

    MemoryOffsetJournal(String initial) {
        this.saved = new AtomicReference<>(initial);
    }

    @Override
    public String load() {
        return saved.get();
    }

    @Override
    public void save(String offsets) {
        saved.set(offsets);
    }
}
