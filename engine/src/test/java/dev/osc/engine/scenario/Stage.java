package dev.osc.engine.scenario;

import dev.osc.engine.it.Osc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A scenario on one database, ready to run osc: what a {@link During} works with. */
public record Stage(Scenario scenario, TestDatabase db) {

    public String table() {
        return scenario.table();
    }

    /** {@code _<table>_osc_state}: exists while a run goes. */
    public String stateTable() {
        return "_" + table() + "_osc_state";
    }

    public String oldTable() {
        return "_" + table() + "_osc_old";
    }

    /** Replaces {@code {t}} by the table's name. */
    public String sql(String template) {
        return template.replace("{t}", table());
    }

    public String alterClause() {
        return sql(scenario.alter().on(db.db()));
    }

    /** The scenario's command: its verb, ALTER clause and flags. */
    public Osc run() {
        List<String> flags = scenario.flagsOn(db.db());
        String[] extra = flags.toArray(new String[0]);
        return switch (scenario.verb()) {
            case EXECUTE -> Osc.alterOn(db.url(), table(), alterClause(), extra);
            case DRY_RUN -> Osc.dryRunOn(db.url(), table(), alterClause(), extra);
            case PLAN -> Osc.planOn(db.url(), table(), alterClause(), extra);
        };
    }

    /** The scenario's command on another thread. */
    public CompletableFuture<Osc> start() {
        return CompletableFuture.supplyAsync(this::run);
    }

    /** Another {@code alter --execute} on the same table. */
    public Osc alter(String clause, String... flags) {
        return Osc.alterOn(db.url(), table(), sql(clause), flags);
    }

    /** The command line that runs the scenario's ALTER in a JVM of its own. */
    public List<String> processCommand() {
        List<String> cmd = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.osc.engine.cli.OscMain",
                "alter", "--url", db.url(), "--table", table(), "--alter", alterClause(), "--execute", "--quiet"));
        cmd.addAll(scenario.flagsOn(db.db()));
        return cmd;
    }
}
