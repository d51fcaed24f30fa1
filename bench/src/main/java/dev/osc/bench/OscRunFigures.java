package dev.osc.bench;

/** What one osc shadow run reported, plus the peak heap this JVM used during it. */
record OscRunFigures(long rowsCopied, long copyMs, long durationMs, long checksumMs, long cutoverBlockingMs,
                     String checksum, long heapPeakBytes) {

    /** Rows per second of the copy phase. */
    double copyRowsPerSecond() {
        return CopyRates.rowsPerSecond(rowsCopied, copyMs);
    }
}
