package dev.osc.bench;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code osc bench}: the benchmarks' command line, and the demo ({@code ./osc demo} runs {@code osc bench demo}). */
@Command(name = "osc bench", mixinStandardHelpOptions = true, version = "osc bench 0.1.0",
        description = "Benchmarks of osc against the server's own work.",
        subcommands = {DemoCommand.class, ServerCommand.class, FixtureCommand.class, WorkloadCommand.class, BenchRunCommand.class, CopyRateCommand.class, PtOscCompareCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status. */
    public static int run(String[] args) {
        CommandLine cli = new CommandLine(new BenchMain());
        DemoCommand.reportFailuresAsOsc(cli);
        cli.setOut(new PrintWriter(System.out, true));
        cli.setErr(new PrintWriter(System.err, true));
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a benchmark is required: demo, server, fixture, workload, run, copy-rate or ptosc");
    }
}
