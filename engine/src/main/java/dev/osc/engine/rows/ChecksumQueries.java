package dev.osc.engine.rows;

/**
 * Row count and a sum of row hashes over the copied columns for a key range: column 1 the count,
 * column 2 the sum (an integer of any size), one statement per side.
 */
public interface ChecksumQueries {
    String checksumSource(boolean lower, boolean upper);

    String checksumShadow(boolean lower, boolean upper);
}
