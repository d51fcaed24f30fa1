package dev.osc.engine.mysql;

import static dev.osc.engine.mysql.MyIdentifiers.quote;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.OscException;
import dev.osc.engine.script.CopyClause;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Creates a copy of the source ({@code CREATE TABLE ... LIKE}), reads its columns, applies the
 * user's ALTER clause to the copy, trying {@code ALGORITHM=INSTANT}, then
 * {@code ALGORITHM=INPLACE, LOCK=NONE}, then the server's default, and reads the columns again.
 * MySQL keeps no stable column number, so columns are matched by name (case-insensitively), with
 * the renames the clause itself spells out ({@code RENAME COLUMN}, {@code CHANGE}).
 */
public final class MyShadowBuilder {
    private final Connection connection;
    private final MyInspector inspector;

    public MyShadowBuilder(Connection connection) {
        this.connection = connection;
        this.inspector = new MyInspector(connection);
    }

    /** Builds {@code copy}; a clause the server rejects drops the copy and becomes exit status 2. */
    public MyShadowReading build(TableName source, TableName copy, MyAlterClause clause) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION lock_wait_timeout = 5");
            st.execute("CREATE TABLE " + quote(copy) + " LIKE " + quote(source));
        }
        try {
            List<Column> before = inspector.columns(copy);
            CopyClause onCopy = clause.forCopy(Set.copyOf(inspector.strings("SELECT CONSTRAINT_NAME FROM "
                    + "information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?",
                    source.schema(), source.name())));
            // dropping a foreign key alone is a metadata change the server makes instantly
            String algorithm = onCopy.isEmpty() ? "instant" : alter(copy, onCopy.text());
            List<Column> after = inspector.columns(copy);
            return new MyShadowReading(copy, ColumnMapping.between(before, matchPositions(before, after, clause.renames())),
                    after, inspector.primaryKey(copy), algorithm, onCopy.droppedForeignKeys());
        } catch (SQLException | RuntimeException e) {
            drop(copy);
            throw e;
        }
    }

    private String alter(TableName copy, String clause) throws SQLException {
        String[][] tries = {{"instant", ", ALGORITHM=INSTANT"}, {"inplace", ", ALGORITHM=INPLACE, LOCK=NONE"}, {"copy", ""}};
        for (String[] attempt : tries) {
            try (Statement st = connection.createStatement()) {
                st.execute("ALTER TABLE " + quote(copy) + " " + clause + attempt[1]);
                return attempt[0];
            } catch (SQLException e) {
                if (MyErrors.isAlgorithmRefused(e) && !attempt[0].equals("copy")) {
                    continue;
                }
                if (MyErrors.isUserError(e)) {
                    throw OscException.badInput("the server rejected the ALTER clause: " + MyConnector.oneLine(e));
                }
                throw e;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    public void drop(TableName table) {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + quote(table));
        } catch (SQLException ignored) {
            // best effort: the caller reports the original failure
        }
    }

    /**
     * Gives each column after the ALTER the position of the column it came from (same name, or
     * renamed by the clause) so {@link ColumnMapping#between} can pair them; new columns get
     * positions after all old ones.
     */
    static List<Column> matchPositions(List<Column> before, List<Column> after, Map<String, String> renames) {
        Map<String, Integer> positionByName = new HashMap<>();
        for (Column b : before) {
            positionByName.put(b.name().toLowerCase(Locale.ROOT), b.position());
        }
        Map<String, String> renamedFrom = new HashMap<>();
        renames.forEach((oldName, newName) -> renamedFrom.put(newName.toLowerCase(Locale.ROOT), oldName.toLowerCase(Locale.ROOT)));
        int next = before.stream().mapToInt(Column::position).max().orElse(0) + 1;
        List<Column> out = new ArrayList<>();
        for (Column a : after) {
            String key = a.name().toLowerCase(Locale.ROOT);
            Integer position = renamedFrom.containsKey(key) ? positionByName.get(renamedFrom.get(key)) : positionByName.get(key);
            if (renamedFrom.containsKey(key) == false && renames.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(a.name()))) {
                position = null; // the old name was renamed away; a column of that name now is a new one
            }
            out.add(new Column(a.name(), position == null ? next++ : position, a.type(), a.nullable(), a.identity(),
                    a.generated(), a.hasDefault()));
        }
        return out;
    }
}
