package dev.osc.bench;

/** The arithmetic of copy rates. */
final class CopyRates {
    private CopyRates() {
    }

    /** Rows per second; a copy that took under a millisecond counts as one millisecond. */
    static double rowsPerSecond(long rows, long millis) {
        return rows * 1000.0 / Math.max(1, millis);
    }

    /** osc's copy rate as a fraction of the server's own (1.0 = as fast as INSERT ... SELECT; the goal is ≥ 0.8). */
    static double ratio(double oscRowsPerSecond, double serverRowsPerSecond) {
        if (serverRowsPerSecond <= 0) {
            throw new IllegalArgumentException("the server's copy rate must be positive");
        }
        return oscRowsPerSecond / serverRowsPerSecond;
    }
}
