package dev.osc.engine.run;

/** The documented exit statuses of the CLI. */
public enum ExitStatus {
    /** Done. */
    OK(0),
    /** Failed at run time: the source is untouched and everything the run created is removed. */
    FAILED(1),
    /** Bad usage or bad input: nothing was changed. */
    BAD_INPUT(2),
    /** Refused by a pre-flight check or a safety gate: nothing was changed. */
    REFUSED(3);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
