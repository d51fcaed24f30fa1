package dev.osc.engine.mysql;

import dev.osc.engine.model.TableName;

/**
 * The names of everything one run creates. The shadow and the sentry are named
 * {@code <table>_osc_new} and {@code <table>_osc_del}: a metadata lock request for several
 * tables is taken in byte order of their names, and these sort after the table's own, so the
 * swap's RENAME queues on the table itself, ahead of every writer that arrives later. The sentry
 * must not exist while the RENAME waits (if the lock holder dies, the RENAME fails on it); it is
 * the old table after the swap, renamed to {@code _<table>_osc_old} once writers are free.
 */
public record MyRunNames(TableName source, String runId) implements dev.osc.engine.shadow.RunNames {

    /** The longest table name whose shadow and sentry names still fit in 64 characters. */
    public static final int MAX_SOURCE_NAME_CHARS = MyIdentifiers.MAX_NAME_CHARS - "_osc_new".length();

    private TableName derived(String suffix) {
        return new TableName(source.schema(), MyIdentifiers.derivedName("_", source.name(), suffix));
    }

    public TableName shadow() {
        return sortingAfterSource("_osc_new");
    }

    public TableName sentry() {
        return sortingAfterSource("_osc_del");
    }

    private TableName sortingAfterSource(String suffix) {
        if (source.name().codePointCount(0, source.name().length()) > MAX_SOURCE_NAME_CHARS) {
            throw new IllegalStateException("table names longer than " + MAX_SOURCE_NAME_CHARS + " characters are not supported");
        }
        return new TableName(source.schema(), source.name() + suffix);
    }

    public TableName old() {
        return derived("_osc_old");
    }

    public TableName probe() {
        return derived("_osc_probe");
    }

    public TableName fence() {
        return derived("_osc_fence");
    }

    public TableName state() {
        return derived("_osc_state");
    }

    /** The comment that marks the sentry as this run's (so nothing else is ever dropped for it). */
    public String sentryComment() {
        return "osc sentry " + runId;
    }
}
