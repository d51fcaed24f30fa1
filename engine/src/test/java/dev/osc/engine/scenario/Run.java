package dev.osc.engine.scenario;

import dev.osc.engine.it.Osc;

/**
 * A finished scenario run, what the checks look at.
 *
 * @param before     the source's fingerprint before the run (null when there was no table)
 * @param rowsBefore the source's rows before the run
 * @param databaseBefore the whole database's fingerprint before the run (null unless a check asks for it)
 * @param load       the writer load, stopped (null without one)
 */
public record Run(Stage stage, String before, long rowsBefore, String databaseBefore, Osc result, WriterLoad load) {

    public TestDatabase db() {
        return stage.db();
    }

    public Db on() {
        return stage.db().db();
    }

    public String sql(String template) {
        return stage.sql(template);
    }

    public long longField(String name) {
        String value = result.field(name);
        if (value == null) {
            throw new AssertionError("the JSON result has no " + name + ":\n" + result);
        }
        return Long.parseLong(value);
    }
}
