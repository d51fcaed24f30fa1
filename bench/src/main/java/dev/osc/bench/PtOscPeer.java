package dev.osc.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pt-online-schema-change (Debian's percona-toolkit): triggers on the table, a chunked copy into
 * {@code _t_new} with the ALTER applied, then an atomic rename. The password, when there is one,
 * goes into an option file the DSN names ({@code F=}), never onto the command line.
 */
final class PtOscPeer implements Peer {
    @Override
    public String name() {
        return "pt-osc";
    }

    @Override
    public String binary() {
        return "pt-online-schema-change";
    }

    @Override
    public boolean runsOn(boolean pg) {
        return !pg;
    }

    @Override
    public String does(String alter) {
        return "the same ALTER";
    }

    @Override
    public PeerCommand command(Path executable, PeerJob job, Path workDir) throws IOException {
        PeerTarget target = job.target();
        String table = job.table();
        for (String part : List.of(target.host(), target.user(), target.database(), table)) {
            if (part.contains(",") || part.contains("=")) {
                throw new IllegalArgumentException("pt-online-schema-change's DSN cannot name " + part + " (a comma or '=' in it)");
            }
        }
        String dsn = "h=" + target.host() + ",P=" + target.port() + ",u=" + target.user() + ",D=" + target.database() + ",t=" + table;
        List<Path> secrets = new ArrayList<>();
        if (target.password() != null) {
            Path options = SecretFile.write(workDir, "pt-osc", "[client]\npassword=" + SecretFile.quoted(target.password()) + "\n");
            secrets.add(options);
            dsn += ",F=" + options;
        }
        List<String> argv = new ArrayList<>(List.of(executable.toString(), "--alter", job.alter(), "--execute", "--recursion-method=none"));
        if (job.chunkTarget() != null) {
            argv.add("--chunk-time=" + job.chunkSeconds());
        }
        argv.add(dsn);
        return new PeerCommand(argv, Map.of(), secrets);
    }

    @Override
    public List<String> leftovers(String table) {
        return List.of("_" + table + "_new", "_" + table + "_old");
    }
}
