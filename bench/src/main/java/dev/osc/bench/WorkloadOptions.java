package dev.osc.bench;

import picocli.CommandLine.Option;

/** The options every command that loads a fixture table shares: where, and how hard. */
final class WorkloadOptions {
    @Option(names = "--url", required = true, paramLabel = "JDBC_URL", description = "jdbc:postgresql://... or jdbc:mariadb://... (user in the URL)")
    String url;

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "a table made by osc bench fixture")
    String table;

    @Option(names = "--rate", defaultValue = "200", paramLabel = "R", description = "transactions per second, all threads together; 0 = flat out (default 200)")
    int rate;

    @Option(names = "--threads", defaultValue = "4", paramLabel = "K", description = "client threads (default 4)")
    int threads;

    @Option(names = "--mix", defaultValue = "20:40:10:30", paramLabel = "I:U:D:R", description = "weights of inserts:updates:deletes:reads (default 20:40:10:30)")
    String mix;

    /** The validated workload with this baseline; throws IllegalArgumentException naming the bad option. */
    WorkloadSpec spec(java.time.Duration baseline) {
        return new WorkloadSpec(threads, rate, WorkloadMix.parse(mix), baseline);
    }
}
