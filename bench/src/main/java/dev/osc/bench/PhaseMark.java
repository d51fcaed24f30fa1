package dev.osc.bench;

/** The moment a phase began, in seconds from the start of the run (e.g. "baseline", "copy", "checksum", "cutover"). */
record PhaseMark(double atSeconds, String name) {}
