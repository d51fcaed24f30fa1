package dev.osc.bench;

/** One second of a benchmark run: latency of the write transactions that finished in that second, and copy progress at its end. */
record SecondSample(double atSeconds, long transactions, double p50Ms, double p99Ms, double maxMs, double copiedFraction) {}
