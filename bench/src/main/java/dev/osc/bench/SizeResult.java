package dev.osc.bench;

/** All figures for one table size; {@code load} is null when no writers were asked for. */
record SizeResult(long rows, ServerCopyBaseline.Figures server, OscRunFigures idle, WriteLoadRun.Figures load) {

    double serverRowsPerSecond() {
        return CopyRates.rowsPerSecond(server.rows(), server.insertSelectMs());
    }

    double oscRowsPerSecond() {
        return idle.copyRowsPerSecond();
    }

    /** osc copy rate ÷ server copy rate, both without writers. */
    double ratio() {
        return CopyRates.ratio(oscRowsPerSecond(), serverRowsPerSecond());
    }

    /** The larger heap peak of the two osc runs. */
    long heapPeakBytes() {
        return load == null ? idle.heapPeakBytes() : Math.max(idle.heapPeakBytes(), load.osc().heapPeakBytes());
    }

    boolean loadRunClean() {
        return load == null || load.clean();
    }
}
