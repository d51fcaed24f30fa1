package dev.osc.engine.control;

/** Who changed a setting or the throttle: named in the log line, and the {@code source} label of its metric. */
public enum Source {
    ENDPOINT("endpoint", "through the admin endpoint"),
    CLI("cli", "through the admin endpoint (osc command line)"),
    FLAG_FILE("flag-file", "by the flag file"),
    SIGNAL("signal", "by a throttle signal");

    private final String label;
    private final String phrase;

    Source(String label, String phrase) {
        this.label = label;
        this.phrase = phrase;
    }

    /** The metric label: {@code endpoint}. */
    public String label() {
        return label;
    }

    /** The log's words: {@code through the admin endpoint}. */
    public String phrase() {
        return phrase;
    }
}
