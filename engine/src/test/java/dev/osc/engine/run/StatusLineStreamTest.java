package dev.osc.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class StatusLineStreamTest {
    private static final String CLEAR = "\r\033[K";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StatusLineStream terminal = new StatusLineStream(new PrintStream(bytes, true, StandardCharsets.UTF_8), 40);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theProgressLineIsRewrittenInPlaceAndOtherLinesGoAboveIt() {
        terminal.status("rows 10");
        terminal.status("rows 20");
        terminal.println("osc [copy] throttled: flag-file: /tmp/p exists");
        terminal.status("rows 30");
        terminal.clear();
        terminal.println("osc: done");
        assertThat(written()).isEqualTo("rows 10\033[K" + CLEAR + "rows 20\033[K" + CLEAR
                + "osc [copy] throttled: flag-file: /tmp/p exists\n" + "rows 20\033[K"
                + CLEAR + "rows 30\033[K" + CLEAR + "osc: done\n");
    }

    @Test
    void aLineWiderThanTheTerminalIsCutSoARewriteLeavesNoWrappedHalf() {
        terminal.status("x".repeat(100));
        assertThat(written()).isEqualTo("x".repeat(39) + "\033[K");
        assertThat(StatusLineStream.width("120")).isEqualTo(120);
        assertThat(StatusLineStream.width(null)).isEqualTo(StatusLineStream.DEFAULT_WIDTH);
        assertThat(StatusLineStream.width("wide")).isEqualTo(StatusLineStream.DEFAULT_WIDTH);
    }

    @Test
    void onATerminalTheProgressPrinterUpdatesInPlaceElsewhereItPrintsPlainLines() {
        RunProgress progress = new RunProgress();
        progress.phase("copy");
        progress.dirtyKeys.set(42);
        progress.throttleReason.set("max-lag: replica r1 is 4000 ms behind (limit 1000 ms)");
        StatusLineStream wide = new StatusLineStream(new PrintStream(bytes, true, StandardCharsets.UTF_8), 500);
        try (ProgressPrinter printer = new ProgressPrinter(progress, wide, Clock.systemUTC(), () -> 3, false)) {
            printer.print();
            printer.print();
        }
        String line = "osc [copy] rows 0, changes applied 0, changed keys waiting 42, stream lag 3 ms, "
                + "throttled: max-lag: replica r1 is 4000 ms behind (limit 1000 ms)";
        assertThat(written()).isEqualTo(line + "\033[K" + CLEAR + line + "\033[K" + CLEAR);

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (ProgressPrinter printer = new ProgressPrinter(progress, new PrintStream(plain, true, StandardCharsets.UTF_8), Clock.systemUTC(), () -> 3, false)) {
            printer.print();
            printer.print();
        }
        assertThat(plain.toString(StandardCharsets.UTF_8)).isEqualTo(line + System.lineSeparator() + line + System.lineSeparator());
    }
}
