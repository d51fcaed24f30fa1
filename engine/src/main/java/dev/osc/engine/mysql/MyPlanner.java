package dev.osc.engine.mysql;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.Plan;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inspects the table, applies the ALTER to an empty copy to learn which algorithm the server
 * accepts (INSTANT, INPLACE with LOCK=NONE, or only COPY) and what it does to the columns, drops
 * the copy, runs the pre-flight checks and chooses the strategy.
 */
public final class MyPlanner {
    private final Connection connection;

    /** The plan and the algorithm the server accepted for the direct path. */
    public record Decision(Plan plan, String algorithm) {
    }

    public MyPlanner(Connection connection) {
        this.connection = connection;
    }

    public Decision plan(RunSettings settings, MyAlterClause clause, TableName table, String runId) throws SQLException {
        MyInspector inspector = new MyInspector(connection);
        TableInfo info = inspector.inspect(table);
        MyRunNames names = new MyRunNames(table, runId);
        MyShadowBuilder builder = new MyShadowBuilder(connection);
        MyShadowReading probe = builder.build(table, names.probe(), clause);
        builder.drop(names.probe());
        List<String> warnings = new ArrayList<>();
        for (MappedColumn dropped : probe.mapping().dropped()) {
            warnings.add("drops column " + dropped.sourceName() + " and its data");
        }
        for (Column c : probe.columnsAfter()) {
            boolean added = probe.mapping().added().stream().anyMatch(a -> a.targetName().equals(c.name()));
            if (added && !c.nullable() && !c.hasDefault() && !c.identity() && !c.generated() && info.estimatedRows() > 0) {
                warnings.add("adds NOT NULL column " + c.name() + " without a DEFAULT: existing rows get the type's implicit default");
            }
        }
        List<String> rewrite = switch (probe.algorithm()) {
            case "instant" -> List.of();
            case "inplace" -> List.of("the server can do it online (ALGORITHM=INPLACE, LOCK=NONE), rebuilding or scanning in place");
            default -> List.of("the server can only copy the table (ALGORITHM=COPY), blocking writes");
        };
        List<String> reasons = new ArrayList<>();
        Strategy strategy = settings.strategy();
        if (strategy == Strategy.AUTO) {
            if (probe.algorithm().equals("instant")) {
                strategy = Strategy.DIRECT;
                reasons.add("the server accepts ALGORITHM=INSTANT: a metadata-only change");
            } else if (probe.algorithm().equals("inplace")) {
                strategy = Strategy.DIRECT;
                reasons.add("the server accepts ALGORITHM=INPLACE, LOCK=NONE: writes continue during the change");
            } else if (info.totalBytes() < settings.directThresholdBytes()) {
                strategy = Strategy.DIRECT;
                reasons.add("the server needs ALGORITHM=COPY, but the table (" + info.totalBytes() / 1024 + " KiB) is below the direct threshold ("
                        + settings.directThresholdBytes() / 1024 / 1024 + " MiB)");
            } else {
                strategy = Strategy.SHADOW;
                reasons.add("the server needs ALGORITHM=COPY, and the table (" + info.totalBytes() / 1024 / 1024
                        + " MiB) is above the direct threshold");
            }
        } else {
            reasons.add("strategy " + strategy.name().toLowerCase(Locale.ROOT) + " was asked for (the server accepts ALGORITHM="
                    + probe.algorithm().toUpperCase(Locale.ROOT) + ")");
        }
        List<String> refusals = shadowRefusals(info, probe, names, inspector);
        return new Decision(new Plan(info, probe.mapping(), strategy, reasons, rewrite, refusals, warnings), probe.algorithm());
    }

    private List<String> shadowRefusals(TableInfo info, MyShadowReading probe, MyRunNames names, MyInspector inspector)
            throws SQLException {
        List<String> out = new ArrayList<>();
        if (!info.hasKey()) {
            out.add("table " + info.name() + " has no primary key: osc needs one to copy and apply changes");
        }
        for (String k : info.keyColumns()) {
            String type = info.column(k).map(Column::type).orElse("");
            if (MyKeyTypes.bindExpression(type).isEmpty()) {
                out.add("key column " + k + " has type " + type + ", which the shadow path does not support yet");
            }
        }
        List<String> mappedKey = info.keyColumns().stream().map(probe.mapping()::targetOf).toList();
        if (info.hasKey() && !lower(mappedKey).equals(lower(probe.keyAfter()))) {
            out.add("the ALTER changes the primary key; the shadow path keeps the key (use --strategy direct)");
        }
        if (!info.foreignKeysIn().isEmpty()) {
            out.add("foreign keys point at the table: " + String.join(", ", info.foreignKeysIn()));
        }
        if (!info.foreignKeysOut().isEmpty()) {
            out.add("the table has foreign keys, which the shadow path does not carry over yet: " + String.join(", ", info.foreignKeysOut()));
        }
        if (!info.triggers().isEmpty()) {
            out.add("the table has triggers, which the shadow path does not carry over yet: " + String.join(", ", info.triggers()));
        }
        if (!info.dependentViews().isEmpty()) {
            out.add("views depend on the table: " + String.join(", ", info.dependentViews()));
        }
        if (info.partitioned()) {
            out.add("partitioned tables are not supported by the shadow path yet");
        }
        if (info.name().name().codePointCount(0, info.name().name().length()) > MyRunNames.MAX_SOURCE_NAME_CHARS) {
            out.add("table names longer than " + MyRunNames.MAX_SOURCE_NAME_CHARS + " characters are not supported by the shadow path on MySQL yet");
        } else {
            for (TableName taken : List.of(names.old(), names.sentry(), names.shadow())) {
                if (inspector.exists(taken)) {
                    out.add("table " + taken + " exists (left by an earlier run?): drop or rename it first");
                }
            }
        }
        String logBin = inspector.variable("log_bin").orElse("0");
        if (!logBin.equals("1") && !logBin.equalsIgnoreCase("ON")) {
            out.add("the binary log is off; the shadow path needs log_bin (a restart)");
        }
        if (!inspector.variable("binlog_format").orElse("").equalsIgnoreCase("ROW")) {
            out.add("binlog_format is " + inspector.variable("binlog_format").orElse("?") + "; the shadow path needs ROW");
        }
        if (!inspector.variable("binlog_row_image").orElse("").equalsIgnoreCase("FULL")) {
            out.add("binlog_row_image is " + inspector.variable("binlog_row_image").orElse("?") + "; the shadow path needs FULL");
        }
        String grants = String.join("\n", inspector.strings("SHOW GRANTS")).toUpperCase(Locale.ROOT);
        if (!grants.contains("ALL PRIVILEGES ON *.*") && !grants.contains("REPLICATION SLAVE")) {
            out.add("the user needs REPLICATION SLAVE and REPLICATION CLIENT (BINLOG MONITOR on MariaDB) for the shadow path");
        }
        return out;
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n == null ? null : n.toLowerCase(Locale.ROOT)).toList();
    }

}
