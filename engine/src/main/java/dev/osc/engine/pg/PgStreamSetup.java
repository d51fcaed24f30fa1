package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import dev.osc.cdc.DurableOffsetStore;
import dev.osc.engine.model.TableName;
import dev.osc.engine.shadow.StreamProperties;

/**
 * The PostgreSQL side of the change stream: a publication for the source and the fence table
 * only, the Debezium connector properties (pgoutput, no snapshot), and the removal of the slot
 * and the publication, which Debezium leaves behind.
 */
public final class PgStreamSetup {
    private final PgConnector connector;
    private final PgRunNames names;

    public PgStreamSetup(PgConnector connector, PgRunNames names) {
        this.connector = connector;
        this.names = names;
    }

    public void createPublication(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE PUBLICATION " + quote(names.publication()) + " FOR TABLE "
                    + quote(names.source()) + ", " + quote(names.fence()));
        }
    }

    /**
     * Creates the run's slot, which keeps every change committed from its consistent point on, and
     * returns the offsets that start the stream there. Debezium, finding the slot already there and
     * no offsets, would start from the server's current position instead
     * ({@code PostgresSnapshotChangeEventSource.getTransactionStartLsn} in 3.5), skipping what was
     * committed in between; with these offsets it streams from the slot's start, and with neither a
     * commit nor a processed position in them it skips nothing there.
     */
    public String createSlot(Connection c) throws SQLException {
        long lsn;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT (lsn - '0/0'::pg_lsn)::bigint FROM pg_create_logical_replication_slot(?, 'pgoutput')")) {
            ps.setString(1, names.slot());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                lsn = rs.getLong(1);
            }
        }
        return DurableOffsetStore.startingAt(names.slot(), Map.of("server", names.slot()), Map.of("lsn", lsn));
    }

    /**
     * {@code key}: the source's key columns, or empty when it is the primary key. Debezium keys a
     * table's records by its primary key, else by its first unique index in name order, whichever
     * that is; a table keyed by its replica identity index gets that index's columns named
     * ({@code message.key.columns}), so a record's key is the key osc copies by, and an update that
     * changes them comes as a delete of the old key and a create of the new one.
     */
    public Properties connectorProperties(List<String> key) {
        Properties p = StreamProperties.common(names.slot(), connector);
        if (!key.isEmpty()) {
            p.setProperty("message.key.columns", messageKeyColumns(names.source(), key));
        }
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("database.dbname", connector.database());
        p.setProperty("plugin.name", "pgoutput");
        // an idle source still yields batches, so the last acknowledgement reaches the slot
        p.setProperty("heartbeat.interval.ms", "1000");
        p.setProperty("slot.name", names.slot());
        p.setProperty("publication.name", names.publication());
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("include.unknown.datatypes", "true");
        p.setProperty("status.update.interval.ms", "1000");
        p.setProperty("schema.include.list", java.util.regex.Pattern.quote(names.source().schema()));
        // only these two tables' schemas are read at the start: in a schema of thousands of tables, reading them all took seconds
        p.setProperty("table.include.list", tableLiteral(names.source()) + "," + tableLiteral(names.fence()));
        return p;
    }

    /**
     * {@code schema.table:col1,col2} as Debezium reads it: each {@code table.column} is a regular
     * expression it matches without regard to case, and the list's separators ({@code ; : ,}) and
     * whitespace are not allowed in a name. So every character but a letter, digit or underscore is
     * written as a {@code \x{...}} escape, case is made to matter again ({@code (?-i)}), and a catalog
     * may stand before the schema (a group without {@code ?:}: the format allows no colon before the columns).
     */
    static String messageKeyColumns(TableName table, List<String> key) {
        return "(?-i)(.+\\.)?" + literal(table.schema()) + "\\." + literal(table.name()) + ":"
                + key.stream().map(PgStreamSetup::literal).collect(Collectors.joining(","));
    }

    /** One table as a {@code table.include.list} entry: its {@code schema.table}, matched exactly and with regard to case. */
    static String tableLiteral(TableName table) {
        return "(?-i)" + literal(table.schema()) + "\\." + literal(table.name());
    }

    private static String literal(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (cp < 128 && (Character.isLetterOrDigit(cp) || cp == '_')) {
                out.appendCodePoint(cp);
            } else {
                out.append("\\x{").append(Integer.toHexString(cp)).append('}');
            }
        });
        return out.toString();
    }

    /** Drops the slot (waiting for its consumer to let go) and the publication; both may be absent. */
    public void dropSlotAndPublication(Connection c) throws SQLException {
        for (int attempt = 0; attempt < 100; attempt++) {
            Integer activePid = null;
            boolean exists = false;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, names.slot());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        exists = true;
                        activePid = (Integer) rs.getObject(1);
                    }
                }
            }
            if (!exists) {
                break;
            }
            if (activePid == null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                    ps.setString(1, names.slot());
                    ps.execute();
                    break;
                } catch (SQLException e) {
                    if (attempt == 99) {
                        throw e;
                    }
                }
            } else if (attempt >= 50) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    ps.setInt(1, activePid);
                    ps.execute();
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP PUBLICATION IF EXISTS " + quote(names.publication()));
        }
    }
}
