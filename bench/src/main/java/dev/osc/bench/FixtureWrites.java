package dev.osc.bench;

import dev.osc.bench.WorkloadMix.Operation;
import dev.osc.engine.testkit.WorkloadShape;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench's transactions on a fixture table: inserts of new rows, updates, deletes and point
 * reads in the mix's proportions, one row each. Each write runs on the oracle first and then on
 * the table in the same transaction, when an oracle is kept, so the two stay equal whatever osc
 * does to the table in between. An update or delete that found no row in the oracle is not run on
 * the table: on PostgreSQL a row whose insert commits between the two statements would otherwise be
 * changed in the table only. Inserts continue after the highest row number made so far.
 */
final class FixtureWrites implements WorkloadShape {
    private static final List<String> OPERATIONS = Arrays.stream(Operation.values()).map(Enum::name).toList();

    private final ShapeStatements statements;
    private final ShapeStatements oracle;
    private final WorkloadMix mix;
    private final AtomicLong lastRow;

    /** @param oracleName the oracle table kept equal to the table, or null for none */
    FixtureWrites(FixtureTable table, String oracleName, WorkloadMix mix, long lastRow) {
        this.statements = ShapeStatements.of(table, table.name());
        this.oracle = oracleName == null ? null : ShapeStatements.of(table, oracleName);
        this.mix = mix;
        this.lastRow = new AtomicLong(lastRow);
    }

    /** The highest row number inserted so far. */
    long lastRow() {
        return lastRow.get();
    }

    @Override
    public List<String> operations() {
        return OPERATIONS;
    }

    @Override
    public Writer writer(int index, int threads) {
        return (c, random) -> {
            Operation op = mix.pick(random.nextInt(mix.total()));
            long n = op == Operation.INSERT ? lastRow.incrementAndGet() : 1 + random.nextLong(lastRow.get());
            if (oracle != null && op != Operation.READ && execute(c, oracle, op, n) == 0) {
                return op.ordinal();
            }
            execute(c, statements, op, n);
            return op.ordinal();
        };
    }

    /** Runs {@code op} on row {@code n} and returns the rows it wrote (0 for a read). */
    private static int execute(Connection c, ShapeStatements s, Operation op, long n) throws SQLException {
        if (op == Operation.INSERT) {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate(s.insert(n));
            }
        }
        String sql = switch (op) {
            case UPDATE -> s.update();
            case DELETE -> s.delete();
            default -> s.read();
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, n);
            if (op == Operation.READ) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
                return 0;
            }
            return ps.executeUpdate();
        }
    }
}
