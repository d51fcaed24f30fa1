package dev.osc.engine.cli;

import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.JdbcUrls;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code osc} command line: plan, check, alter, migrate, status, pause, resume, set, cutover, cleanup, abort ({@code osc demo} is the bench module's, dispatched by the launcher). */
@Command(name = "osc", mixinStandardHelpOptions = true, version = "osc 0.1.0",
        description = "Online schema change for PostgreSQL and MySQL/MariaDB: alter a table while the application keeps writing.",
        subcommands = {PlanCommand.class, CheckCommand.class, AlterCommand.class, MigrateCommand.class, StatusCommand.class, PauseCommand.class,
                ResumeCommand.class, SetCommand.class, CutoverCommand.class, RevertCommand.class, CleanupCommand.class, AbortCommand.class,
                CommandLine.HelpCommand.class})
public final class OscMain implements Runnable {
    public static void main(String[] args) {
        ExitOnSignal.install();
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns its exit status (tests call this directly). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new OscMain(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = CommandLine.defaultFactory().create(type);
                if (made instanceof Streams streams) {
                    streams.use(out, err);
                }
                return made;
            }
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("osc: " + JdbcUrls.redacted(ex.getMessage()));
            err.println("     see 'osc " + (ex.getCommandLine().getCommandName().equals("osc") ? "" : ex.getCommandLine().getCommandName() + " ")
                    + "--help'");
            return ExitStatus.BAD_INPUT.code();
        });
        cli.setExecutionExceptionHandler(new CommandFailureHandler(out, err));
        cli.setExitCodeExceptionMapper(e -> ExitStatus.FAILED.code());
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required: plan, check, alter, migrate, status, pause, resume, set, cutover, cleanup or abort");
    }
}
