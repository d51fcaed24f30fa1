package dev.osc.bench;

import dev.osc.engine.pg.PgConnector;
import dev.osc.engine.run.Engines;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import dev.osc.engine.testkit.DemoTable;
import dev.osc.engine.testkit.EmbeddedMaria;
import dev.osc.engine.testkit.EmbeddedPg;
import dev.osc.engine.testkit.LatencyRecorder;
import dev.osc.engine.testkit.Workload;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code osc demo}: a private database server (PostgreSQL embedded from Maven, or MariaDB from
 * the installed binaries), a table of {@code --rows} rows, a concurrent write workload that keeps
 * an oracle table in the same transactions, and an online change of {@code balance} from INT to
 * BIGINT by the shadow path, checked against the oracle. The launcher runs {@code ./osc demo} here,
 * in the bench module, so that the product jar carries no database server.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Alter a table online on a private database server while writers keep writing, and prove nothing was lost.")
final class DemoCommand implements Callable<Integer> {
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Option(names = "--rows", defaultValue = "1000000", paramLabel = "N", description = "rows in the demo table (default 1,000,000)")
    long rows;

    @Option(names = "--writers", defaultValue = "4", paramLabel = "N", description = "concurrent writer threads (default 4)")
    int writers;

    @Option(names = "--rate", defaultValue = "400", paramLabel = "TPS", description = "write transactions per second (default 400)")
    int rate;

    @Option(names = "--db", defaultValue = "postgresql", paramLabel = "postgresql|mariadb",
            description = "postgresql (default, embedded: nothing to install) or mariadb (needs the mariadb-server binaries)")
    String db;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || rows > 100_000_000L) {
            throw OscException.badInput("--rows must be between 1 and 100,000,000");
        }
        if (writers < 1 || writers > 64) {
            throw OscException.badInput("--writers must be between 1 and 64");
        }
        return switch (db.toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres", "pg" -> {
                err.println("osc demo: starting an embedded PostgreSQL (binaries from Maven, nothing installed)...");
                try (EmbeddedPg pg = EmbeddedPg.start()) {
                    yield run(pg.url(), DemoTable.postgres("accounts"),
                            "ALTER COLUMN balance TYPE bigint", "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                                    + "WHERE attrelid = 'accounts'::regclass AND attname = 'balance'");
                }
            }
            case "mariadb", "mysql" -> {
                err.println("osc demo: starting a private MariaDB from the installed binaries...");
                try (EmbeddedMaria maria = EmbeddedMaria.start()) {
                    yield run(maria.url(), DemoTable.mariadb("accounts"),
                            "MODIFY COLUMN balance BIGINT", "SELECT COLUMN_TYPE FROM information_schema.COLUMNS "
                                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'accounts' AND COLUMN_NAME = 'balance'");
                } catch (java.io.IOException e) {
                    throw OscException.badInput("cannot start MariaDB (is the mariadb-server package installed?): " + e.getMessage()
                            .lines().findFirst().orElse(""));
                }
            }
            default -> throw OscException.badInput("--db must be postgresql or mariadb, got: " + db);
        };
    }

    private int run(String url, DemoTable table, String alter, String typeQuery) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            long t0 = System.nanoTime();
            table.create(c, rows);
            err.printf(Locale.ROOT, "osc demo: table accounts has %,d rows (%.1f s to generate); starting %d writers at %d tx/s%n",
                    rows, (System.nanoTime() - t0) / 1e9, writers, rate);
            RunResult result;
            LatencyRecorder latencies = new LatencyRecorder();
            Workload workload = Workload.on(url, table.writes(rows)).threads(writers).rate(Math.max(0, rate)).latencies(latencies).start();
            try {
                Thread.sleep(1000);
                err.println("osc demo: osc alter --table accounts --alter \"" + alter + "\" --strategy shadow --execute");
                RunSettings settings = new RunSettings(url, null, null, "accounts", alter, true, Strategy.SHADOW, 0,
                        Duration.ofMillis(500), false, RunSettings.DEFAULT_DIRECT_THRESHOLD_BYTES, Duration.ofMillis(200),
                        true, true, false, dev.osc.engine.run.RunSettings.DEFAULT_MAX_DIRECT_HOLD);
                result = Engines.forUrl(url, err, Clock.systemUTC(), new RunProgress()).alter(settings);
                Thread.sleep(500);
            } finally {
                workload.close();
            }
            long differences = table.differences(c);
            String newType;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(typeQuery)) {
                rs.next();
                newType = rs.getString(1);
            }
            out.println();
            out.printf(Locale.ROOT, "rows copied:        %,d%n", (Long) result.get("rowsCopied"));
            out.printf(Locale.ROOT, "changes applied:    %,d%n", (Long) result.get("changesApplied"));
            out.printf(Locale.ROOT, "blocking window:    %d ms (writers held at the swap)%n", (Long) result.get("cutoverBlockingMs"));
            out.printf(Locale.ROOT, "checksum:           %s%n", result.get("checksum"));
            out.printf(Locale.ROOT, "total time:         %.1f s%n", (Long) result.get("durationMs") / 1000.0);
            out.printf(Locale.ROOT, "workload:           %,d transactions, %d errors, slowest %d ms%n",
                    workload.transactions(), workload.errorCount(), latencies.maxMillis());
            out.printf(Locale.ROOT, "accounts.balance:   now %s%n", newType);
            out.printf(Locale.ROOT, "equal to oracle:    %s (%,d rows, %d differences)%n",
                    differences == 0 ? "yes" : "NO", table.count(c), differences);
            if (differences > 0) {
                table.sampleDifferences(c, 8).forEach(d -> err.println("osc demo: differs: " + d));
            }
            workload.errors().stream().limit(5).forEach(e -> err.println("osc demo: writer error: " + e));
            return differences == 0 && workload.errors().isEmpty() ? 0 : 1;
        }
    }

    /**
     * On {@code cli}, the bench's command line, makes the demo's failures read as the product's
     * command line reports them: one line on stderr and the documented exit status, a stack trace
     * only with OSC_DEBUG=1. The other commands keep picocli's handling. (picocli asks the
     * top-level command's handlers, whichever subcommand failed.)
     */
    static void reportFailuresAsOsc(CommandLine cli) {
        CommandLine.IParameterExceptionHandler parameters = cli.getParameterExceptionHandler();
        CommandLine.IExecutionExceptionHandler execution = cli.getExecutionExceptionHandler();
        cli.setParameterExceptionHandler((ex, args) -> {
            if (!(ex.getCommandLine().getCommand() instanceof DemoCommand)) {
                return parameters.handleParseException(ex, args);
            }
            System.err.println("osc: " + ex.getMessage());
            System.err.println("     see 'osc demo --help'");
            return ExitStatus.BAD_INPUT.code();
        });
        cli.setExecutionExceptionHandler((ex, failed, parsed) -> {
            if (!(failed.getCommand() instanceof DemoCommand)) {
                return execution.handleExecutionException(ex, failed, parsed);
            }
            ExitStatus status = ex instanceof OscException o ? o.status() : ExitStatus.FAILED;
            String message = ex instanceof OscException ? ex.getMessage() : describe(ex);
            System.err.println(switch (status) {
                case BAD_INPUT -> "osc: error: ";
                case REFUSED -> "osc: refused: ";
                default -> "osc: failed: ";
            } + message);
            if (status == ExitStatus.FAILED) {
                System.err.println("osc: the source table is unchanged unless the output above reports a completed swap");
            }
            if ("1".equals(System.getenv("OSC_DEBUG"))) {
                ex.printStackTrace();
            }
            return status.code();
        });
    }

    /** One line for an unexpected failure, with its SQLSTATE when the server gave one (as osc's CLI writes it). */
    private static String describe(Throwable ex) {
        Throwable t = ex;
        while (t instanceof RuntimeException && t.getCause() != null && t.getCause() != t
                && String.valueOf(t.getCause()).equals(t.getMessage())) {
            t = t.getCause();
        }
        String message = PgConnector.oneLine(t);
        return t instanceof SQLException e && e.getSQLState() != null ? message + " (SQLSTATE " + e.getSQLState() + ")" : message;
    }
}
