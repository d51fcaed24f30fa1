package dev.osc.engine.shadow;

import dev.osc.engine.model.TableName;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/**
 * One thing an osc run left in the database: a helper table ({@code relation}), a replication
 * slot or publication (PostgreSQL, {@code relation} null), or the old table a completed run kept.
 * {@code table} is the table whose run made it (null when nothing tells), {@code runId} the run
 * when known; {@code keptAt} and {@code bytes} describe an old table (null when unknown);
 * {@code inUse} is true for a slot a consumer reads.
 */
public record Leftover(Kind kind, String name, TableName relation, TableName table, String runId, Instant keptAt, Long bytes,
                       boolean inUse) {

    /** What a run creates beside its table, in the order a removal goes (the stream first, the state last). */
    public enum Kind {
        SLOT, PUBLICATION, SHADOW, SENTRY, PROBE, FENCE, STATE, OLD_TABLE;

        /** The operator's word: {@code slot}, {@code old table}. */
        public String label() {
            return switch (this) {
                case SLOT -> "replication slot";
                case OLD_TABLE -> "old table";
                case SHADOW, SENTRY, PROBE, FENCE, STATE -> name().toLowerCase(Locale.ROOT) + " table";
                default -> name().toLowerCase(Locale.ROOT);
            };
        }
    }

    /** The stream first, the state last (by kind, then name). */
    public static final Comparator<Leftover> REMOVAL_ORDER = Comparator.comparing(Leftover::kind).thenComparing(Leftover::name);

    public static Leftover helper(Kind kind, TableName relation, TableName table, String runId) {
        return new Leftover(kind, relation.toString(), relation, table, runId, null, null, false);
    }

    public static Leftover oldTable(TableName relation, TableName table, Instant keptAt, Long bytes) {
        return new Leftover(Kind.OLD_TABLE, relation.toString(), relation, table, null, keptAt, bytes, false);
    }

    /** A slot or publication (PostgreSQL) named {@code name}. */
    public static Leftover stream(Kind kind, String name, TableName table, String runId, boolean inUse) {
        return new Leftover(kind, name, null, table, runId, null, null, inUse);
    }

    public boolean isOldTable() {
        return kind == Kind.OLD_TABLE;
    }

    /** {@code shadow table s._t_osc_new}. */
    @Override
    public String toString() {
        return kind.label() + " " + name;
    }
}
