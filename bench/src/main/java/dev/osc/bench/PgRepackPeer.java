package dev.osc.bench;

import dev.osc.engine.pg.PgIdentifiers;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pg_repack (Debian's postgresql-NN-repack): rebuilds the table online into a bare heap, builds
 * its indexes after and swaps the files. It cannot apply an ALTER: the report compares its rebuild
 * with osc's rewrite of the same table. Run as it is usually run ({@code --no-order}: a plain
 * rebuild, no clustering), and told not to cancel the application's sessions.
 */
final class PgRepackPeer implements Peer {
    @Override
    public String name() {
        return "pg_repack";
    }

    @Override
    public String binary() {
        return "pg_repack";
    }

    @Override
    public boolean runsOn(boolean pg) {
        return pg;
    }

    @Override
    public String does(String alter) {
        return "full online rebuild (pg_repack cannot ALTER; compared with osc's rewrite)";
    }

    @Override
    public PeerCommand command(Path executable, PeerJob job, Path workDir) throws IOException {
        PeerTarget target = job.target();
        String table = job.table();
        List<String> argv = new ArrayList<>(List.of(executable.toString(), "--host=" + target.host(), "--port=" + target.port(),
                "--username=" + target.user(), "--dbname=" + target.database(), "--table=" + PgIdentifiers.quote(table), "--no-order",
                "--no-kill-backend", "--wait-timeout=60"));
        if (target.password() == null) {
            return new PeerCommand(argv, Map.of(), List.of());
        }
        Path passFile = SecretFile.write(workDir, "pgpass", String.join(":", passField(target.host()), Integer.toString(target.port()),
                passField(target.database()), passField(target.user()), passField(target.password())) + "\n");
        return new PeerCommand(argv, Map.of("PGPASSFILE", passFile.toString()), List.of(passFile));
    }

    /** A field of a .pgpass line: backslash and colon escaped. */
    static String passField(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:");
    }

    @Override
    public void prepare(Connection c) throws SQLException, Unavailable {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_repack");
        } catch (SQLException e) {
            // 58P01: no control file on this server; 0A000: not supported here
            if ("58P01".equals(e.getSQLState()) || "0A000".equals(e.getSQLState())) {
                throw new Unavailable("the server has no pg_repack extension; start one that has it, e.g. "
                        + "osc bench server --db postgresql --pg-bin /usr/lib/postgresql/15/bin");
            }
            throw e;
        }
    }

    @Override
    public List<String> leftovers(String table) {
        return List.of();
    }
}
