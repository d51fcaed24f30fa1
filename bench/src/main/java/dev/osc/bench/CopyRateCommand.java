package dev.osc.bench;

import dev.osc.engine.testkit.EmbeddedPg;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code osc bench copy-rate}: osc's copy against the server's own copy, table size by table size. */
@Command(name = "copy-rate", mixinStandardHelpOptions = true,
        description = {"Compares osc's shadow copy with the server's own INSERT ... SELECT and a plain blocking ALTER,",
                "at each table size, idle and under a write load; prints a Markdown table.",
                "Exits 1 if a run under load lost or changed a row or a writer saw an error."})
final class CopyRateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", split = ",", defaultValue = "100000,300000,1000000", paramLabel = "N,N,...",
            description = "table sizes to measure (default 100000,300000,1000000)")
    List<Long> rows;

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "PostgreSQL to use (wal_level=logical); default: a private embedded server")
    String url;

    @Option(names = "--writers", defaultValue = "4", paramLabel = "K",
            description = "writer threads for the run under load; 0 skips it (default 4)")
    int writers;

    @Option(names = "--rate", defaultValue = "200", paramLabel = "R",
            description = "write transactions per second across the writers (default 200)")
    int rate;

    @Option(names = "--report", paramLabel = "FILE.json", description = "also write the figures as JSON to this file")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (rows.isEmpty() || rows.stream().anyMatch(n -> n < 1)) {
            throw new ParameterException(spec.commandLine(), "--rows must be a list of positive sizes");
        }
        if (writers < 0 || writers > 64) {
            throw new ParameterException(spec.commandLine(), "--writers must be between 0 and 64");
        }
        PrintStream log = System.err;
        List<SizeResult> results;
        if (url == null) {
            log.println("osc bench: starting an embedded PostgreSQL...");
            try (EmbeddedPg pg = EmbeddedPg.start()) {
                results = new CopyRateBench(pg.url(), writers, rate, log).run(rows);
            }
        } else {
            results = new CopyRateBench(url, writers, rate, log).run(rows);
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.println(CopyRateReport.markdown(results));
        if (report != null) {
            Files.writeString(report, CopyRateReport.json(results, url == null ? "embedded" : "url", writers, rate) + "\n",
                    StandardCharsets.UTF_8);
            log.println("osc bench: wrote " + report);
        }
        boolean ok = results.stream().allMatch(SizeResult::loadRunClean);
        if (!ok) {
            log.println("osc bench: FAILED: a run under load had differences against the oracle or writer errors");
        }
        return ok ? 0 : 1;
    }
}
