package dev.osc.bench;

/**
 * The workload's statements on one fixture table, rendered once: each takes a row number
 * {@code n} as its only parameter, and the key of row {@code n} is derived from it exactly as the
 * fixture generator derived it, so a workload on a copy or an oracle sees the same rows.
 */
record ShapeStatements(String update, String delete, String read, String insertTemplate, String quotedTable) {

    static ShapeStatements of(FixtureTable table, String name) {
        String t = table.quote(name);
        String key = keyOf(table);
        String set = switch (table.shape()) {
            case SYSBENCH -> "k = k + 1";
            case WIDE -> table.pg() ? "a = a + 1, d = md5(d)" : "a = a + 1, d = MD5(d)";
            case UUID_KEY -> "v = v + 1";
        };
        return new ShapeStatements("UPDATE " + t + " SET " + set + " WHERE id = " + key,
                "DELETE FROM " + t + " WHERE id = " + key,
                "SELECT * FROM " + t + " WHERE id = " + key,
                table.pg() ? table.shape().pgBatch : table.shape().myBatch, t);
    }

    /** The primary key of row {@code ?}. */
    private static String keyOf(FixtureTable table) {
        if (table.shape() != FixtureShape.UUID_KEY) {
            return table.pg() ? "CAST(? AS bigint)" : "CAST(? AS SIGNED)";
        }
        return table.pg() ? "CAST(md5(CAST(? AS text)) AS uuid)"
                : "INSERT(INSERT(INSERT(INSERT(MD5(?), 9, 0, '-'), 14, 0, '-'), 19, 0, '-'), 24, 0, '-')";
    }

    /** The insert of row {@code n}, exactly the row the fixture generator would have made (n is a number, never user text). */
    String insert(long n) {
        return FixtureShape.render(insertTemplate, quotedTable, n, n);
    }
}
