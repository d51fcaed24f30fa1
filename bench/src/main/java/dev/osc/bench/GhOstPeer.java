package dev.osc.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * gh-ost (not packaged; run when on PATH): a copy into {@code _t_gho} fed by the binary log, on the
 * primary itself ({@code --allow-on-master}), then its two-connection swap. The password, when
 * there is one, goes into the {@code --conf} file, never onto the command line.
 */
final class GhOstPeer implements Peer {
    @Override
    public String name() {
        return "gh-ost";
    }

    @Override
    public String binary() {
        return "gh-ost";
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
        List<String> argv = new ArrayList<>(List.of(executable.toString(), "--host=" + target.host(), "--port=" + target.port(),
                "--user=" + target.user(), "--database=" + target.database(), "--table=" + table, "--alter=" + job.alter(),
                "--allow-on-master", "--assume-rbr", "--initially-drop-ghost-table", "--initially-drop-old-table", "--ok-to-drop-table",
                "--chunk-size=1000", "--default-retries=30", "--cut-over-lock-timeout-seconds=3",
                "--serve-socket-file=" + workDir.resolve("gh-ost.sock")));
        List<Path> secrets = new ArrayList<>();
        if (target.password() != null) {
            Path conf = SecretFile.write(workDir, "gh-ost", "[client]\nuser=" + SecretFile.quoted(target.user()) + "\npassword="
                    + SecretFile.quoted(target.password()) + "\n");
            secrets.add(conf);
            argv.add("--conf=" + conf);
        }
        argv.add("--execute");
        return new PeerCommand(argv, Map.of(), secrets);
    }

    @Override
    public List<String> leftovers(String table) {
        return List.of("_" + table + "_gho", "_" + table + "_del", "_" + table + "_ghc");
    }
}
