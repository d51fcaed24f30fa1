package dev.osc.engine.pg;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.Plan;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Inspects the table, probes the ALTER on an empty copy in a transaction it rolls back (nothing
 * is left behind), runs the pre-flight checks and chooses the strategy.
 */
public final class PgPlanner {
    /** Key types whose text form the change stream delivers and PostgreSQL casts back exactly. */
    private static final Set<String> STREAMABLE_KEY_TYPES = Set.of("smallint", "integer", "bigint", "text", "uuid",
            "character varying", "numeric", "character");

    private final Connection connection;

    public PgPlanner(Connection connection) {
        this.connection = connection;
    }

    public Plan plan(RunSettings settings, PgAlterClause clause, TableName table, String runId) throws SQLException {
        PgInspector inspector = new PgInspector(connection);
        TableInfo info = inspector.inspect(table);
        ShadowReading probe = probe(info, clause, new PgRunNames(table, runId).probe());
        List<String> refusals = shadowRefusals(info, probe, clause);
        List<String> warnings = new ArrayList<>();
        for (MappedColumn dropped : probe.mapping().dropped()) {
            warnings.add("drops column " + dropped.sourceName() + " and its data");
        }
        for (Column c : probe.columnsAfter()) {
            boolean added = probe.mapping().added().stream().anyMatch(a -> a.targetName().equals(c.name()));
            if (added && !c.nullable() && !c.hasDefault() && !c.identity() && !c.generated() && info.estimatedRows() > 0) {
                throw OscException.badInput("the ALTER adds NOT NULL column " + c.name() + " without a DEFAULT; existing rows would violate it");
            }
        }
        List<String> reasons = new ArrayList<>();
        Strategy strategy = settings.strategy();
        boolean small = info.totalBytes() < settings.directThresholdBytes();
        if (strategy == Strategy.AUTO) {
            if (!probe.rewrites()) {
                strategy = Strategy.DIRECT;
                reasons.add("the change is metadata-only: it neither rewrites nor scans the table");
            } else if (small) {
                strategy = Strategy.DIRECT;
                reasons.add("the table (" + info.totalBytes() / 1024 + " KiB) is below the direct threshold ("
                        + settings.directThresholdBytes() / 1024 / 1024 + " MiB)");
            } else {
                strategy = Strategy.SHADOW;
                reasons.add("the change " + String.join(", ", probe.rewriteReasons()) + ", and the table ("
                        + info.totalBytes() / 1024 / 1024 + " MiB) is above the direct threshold");
            }
        } else {
            reasons.add("strategy " + strategy.name().toLowerCase(Locale.ROOT) + " was asked for");
        }
        if (strategy == Strategy.DIRECT && probe.rewrites()) {
            warnings.add("direct DDL " + String.join(", ", probe.rewriteReasons()) + " while holding its lock");
        }
        return new Plan(info, probe.mapping(), strategy, reasons, probe.rewriteReasons(), refusals, warnings);
    }

    private ShadowReading probe(TableInfo info, PgAlterClause clause, TableName probeName) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            return new PgShadowBuilder(connection).build(info.name(), info.indexes(), probeName, clause);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Why the shadow path cannot run on this table and ALTER; empty when it can. */
    List<String> shadowRefusals(TableInfo info, ShadowReading probe, PgAlterClause clause) throws SQLException {
        List<String> out = new ArrayList<>();
        if (!info.hasKey()) {
            out.add("table " + info.name() + " has no primary key (or replica identity index): osc needs a key to copy and apply changes");
        }
        for (String k : info.keyColumns()) {
            String type = info.column(k).map(Column::type).orElse("");
            String base = type.replaceAll("\\(.*\\)", "").strip();
            if (!STREAMABLE_KEY_TYPES.contains(base)) {
                out.add("key column " + k + " has type " + type + ", which the shadow path does not support yet");
            }
        }
        List<String> mappedKey = info.keyColumns().stream().map(probe.mapping()::targetOf).toList();
        if (info.hasKey() && !mappedKey.equals(probe.keyAfter())) {
            out.add("the ALTER changes the primary key; the shadow path keeps the key (use --strategy direct)");
        }
        if (!info.foreignKeysIn().isEmpty()) {
            out.add("foreign keys point at the table: " + String.join(", ", info.foreignKeysIn()));
        }
        if (!info.dependentViews().isEmpty()) {
            out.add("views depend on the table: " + String.join(", ", info.dependentViews()));
        }
        if (!info.triggers().isEmpty()) {
            out.add("the table has triggers, which the shadow path does not carry over yet: " + String.join(", ", info.triggers()));
        }
        if (info.partitioned() || info.partition() || info.inherits()) {
            out.add("partitioned and inheritance tables are not supported by the shadow path yet");
        }
        if (clause.hasUsingExpression() && probe.mapping().columns().stream().anyMatch(MappedColumn::retyped)) {
            out.add("ALTER COLUMN ... TYPE ... USING: the shadow path converts with the default cast only (use --strategy direct)");
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('wal_level'), current_setting('server_version_num')::int, "
                     + "(SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user)")) {
            rs.next();
            if (!"logical".equals(rs.getString(1))) {
                out.add("wal_level is " + rs.getString(1) + "; the shadow path needs wal_level=logical (restart required)");
            }
            if (rs.getInt(2) < 130000) {
                out.add("PostgreSQL 13 or later is needed by the shadow path");
            }
            if (!rs.getBoolean(3)) {
                out.add("the user needs the REPLICATION attribute (ALTER ROLE ... REPLICATION) for the shadow path");
            }
        }
        return out;
    }
}
