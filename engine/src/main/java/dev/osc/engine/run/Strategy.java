package dev.osc.engine.run;

/** How an ALTER is carried out. */
public enum Strategy {
    /** Choose: direct when the change does not rewrite the table or the table is small, else shadow. */
    AUTO,
    /** Plain DDL under a short lock timeout with retries. */
    DIRECT,
    /** Shadow table, chunked copy, change stream, checksum, swap. */
    SHADOW
}
