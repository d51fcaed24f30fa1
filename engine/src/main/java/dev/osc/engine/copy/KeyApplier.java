package dev.osc.engine.copy;

/** Makes the shadow agree with the source for a batch of keys (dialect-specific SQL). */
public interface KeyApplier {
    /**
     * Re-reads the keys from the source and replaces their shadow rows, only for keys at or below
     * {@code upTo}; keys above it are dropped (the copy reads them later). Commits on its own.
     */
    ApplyOutcome apply(KeyBatch batch, Bound upTo) throws Exception;
}
