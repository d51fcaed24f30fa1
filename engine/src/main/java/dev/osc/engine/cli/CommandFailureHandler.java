package dev.osc.engine.cli;

import dev.osc.engine.pg.PgConnector;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.JdbcUrls;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunInterrupted;
import dev.osc.engine.run.RunResult;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Turns a command's failure into one line on stderr, the documented exit status and, with
 * {@code --json}, one JSON object on stdout. Stack traces only with OSC_DEBUG=1.
 */
final class CommandFailureHandler implements CommandLine.IExecutionExceptionHandler {
    private final PrintStream out;
    private final PrintStream err;

    CommandFailureHandler(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        if (ex instanceof RunInterrupted) {
            // the JVM is shutting down: the run's shutdown hook says in one line what it removed
            return ExitStatus.FAILED.code();
        }
        ExitStatus status = ex instanceof OscException o ? o.status() : ExitStatus.FAILED;
        String message = JdbcUrls.redacted(ex instanceof OscException ? ex.getMessage() : describe(ex));
        String prefix = switch (status) {
            case BAD_INPUT -> "osc: error: ";
            case REFUSED -> "osc: refused: ";
            default -> "osc: failed: ";
        };
        err.println(prefix + message);
        if (status == ExitStatus.FAILED) {
            err.println("osc: the source table is unchanged unless the output above reports a completed swap");
        }
        if ("1".equals(System.getenv("OSC_DEBUG"))) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(JdbcUrls.redacted(trace.toString()));
        }
        Object command = cli.getCommand();
        if (command instanceof JsonOutput json && json.json()) {
            RunResult result = json.partialResult();
            result.put("status", switch (status) {
                case BAD_INPUT -> "bad-input";
                case REFUSED -> "refused";
                default -> "failed";
            });
            result.put("error", message);
            out.println(result.toJson());
        }
        return status.code();
    }

    private static String describe(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof RuntimeException && t.getCause() != null && t.getMessage() != null
                && t.getMessage().equals(String.valueOf(t.getCause()))) && t.getCause() != t) {
            t = t.getCause();
        }
        String message = PgConnector.oneLine(t);
        if (t instanceof java.sql.SQLException s && s.getSQLState() != null) {
            if (s.getSQLState().startsWith("08")) {
                // connection exception: the server went away (restart, crash, network) or ended the session
                return "lost the connection to the database server: " + message + " (SQLSTATE " + s.getSQLState()
                        + "); once the server is back the same command runs the ALTER again";
            }
            return message + " (SQLSTATE " + s.getSQLState() + ")";
        }
        return message;
    }
}
