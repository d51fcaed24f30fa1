package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyChartTest {
    private static final List<PhaseMark> PHASES = List.of(
            new PhaseMark(0, "baseline"), new PhaseMark(20, "copy"),
            new PhaseMark(90, "checksum"), new PhaseMark(105, "cutover"));
    private static final Rectangle TITLE_BAND = new Rectangle(0, 0, LatencyChart.WIDTH, LatencyChart.LATENCY_PLOT.y - 25);

    private static final Color INK = new Color(30, 30, 30);

    @TempDir
    Path dir;

    @Test
    void drawsTheThreeLatencyLinesAndTheCopyProgress() throws IOException {
        Path png = dir.resolve("latency.png");

        LatencyChart.write(png, "osc alter under 200 writes/s", run(), PHASES);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(LatencyChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LatencyChart.HEIGHT);
        assertThat(distinctColours(image)).isGreaterThan(8);
        assertThat(pixelsNear(image, LatencyChart.LATENCY_PLOT, LatencyChart.P99)).isGreaterThan(100);
        assertThat(pixelsNear(image, LatencyChart.LATENCY_PLOT, LatencyChart.P50)).isGreaterThan(100);
        assertThat(pixelsNear(image, LatencyChart.LATENCY_PLOT, LatencyChart.MAX)).isGreaterThan(100);
        assertThat(pixelsNear(image, LatencyChart.COPY_PLOT, LatencyChart.COPIED)).isGreaterThan(50);
        assertThat(pixelsNear(image, TITLE_BAND, INK)).as("title text").isGreaterThan(20);
    }

    @Test
    void anEmptyRunStillMakesAReadablePng() throws IOException {
        Path png = dir.resolve("sub/empty.png");

        LatencyChart.write(png, "nothing", List.of(), List.of());

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(LatencyChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LatencyChart.HEIGHT);
        Rectangle middle = new Rectangle((int) LatencyChart.LATENCY_PLOT.getCenterX() - 80,
                (int) LatencyChart.LATENCY_PLOT.getCenterY() - 15, 160, 30);
        assertThat(pixelsNear(image, middle, INK)).as("'no samples'").isGreaterThan(10);
    }

    @Test
    void aSingleSampleWithOddValuesIsDrawnAsDots() {
        List<SecondSample> one = List.of(new SecondSample(3, 10, 0, 42, Double.NaN, 0.5));

        BufferedImage image = LatencyChart.render("one", one, List.of(new PhaseMark(1, "copy")), true);

        assertThat(pixelsNear(image, LatencyChart.LATENCY_PLOT, LatencyChart.P99)).isGreaterThan(5);
        assertThat(pixelsNear(image, LatencyChart.LATENCY_PLOT, LatencyChart.P50)).isGreaterThan(5);
        assertThat(pixelsNear(image, LatencyChart.LATENCY_PLOT, LatencyChart.MAX)).isZero();
        assertThat(pixelsNear(image, LatencyChart.COPY_PLOT, LatencyChart.COPIED)).isGreaterThan(5);
    }

    @Test
    void thePixelFontLabelsTheChartWithoutSystemFonts() {
        BufferedImage image = LatencyChart.render("pixel font: 0.1% / 10000 ms", run(), PHASES, false);

        assertThat(pixelsNear(image, TITLE_BAND, INK)).isGreaterThan(100);
        assertThat(pixelsNear(image, LatencyChart.LATENCY_PLOT, LatencyChart.P99)).isGreaterThan(100);
        assertThat("0123456789.%-:/ abcxyz ABCXYZ".chars().mapToObj(c -> (char) c).toList()).allMatch(PixelFont::covers);
        assertThat(PixelFont.width("10000", 2)).isEqualTo(58);
    }

    @Test
    void latenciesAreClampedToTheFloorAndGapsAreNaN() {
        SecondSample busy = new SecondSample(1, 5, 0, 0.05, 2000, Double.NaN);
        SecondSample idle = new SecondSample(2, 0, 0, 0, 0, Double.NaN);

        assertThat(LatencyChart.logLatency(busy, busy.p50Ms())).isEqualTo(-1.0);
        assertThat(LatencyChart.logLatency(busy, busy.p99Ms())).isEqualTo(-1.0);
        assertThat(LatencyChart.logLatency(busy, busy.maxMs())).isCloseTo(3.30103, within(1e-5));
        assertThat(LatencyChart.logLatency(busy, Double.NaN)).isNaN();
        assertThat(LatencyChart.logLatency(idle, idle.p50Ms())).isNaN();
        assertThat(LatencyChart.number(Math.pow(10, -1))).isEqualTo("0.1");
        assertThat(LatencyChart.number(10000)).isEqualTo("10000");
        assertThat(LatencyChart.niceStep(12)).isEqualTo(20);
    }

    /** 120 seconds: a baseline, a copy with worse tails, a checksum, and a cutover with a multi-second stall. */
    private static List<SecondSample> run() {
        List<SecondSample> samples = new ArrayList<>();
        for (int t = 1; t <= 120; t++) {
            boolean copying = t >= 20 && t < 90;
            double wobble = 1 + 0.3 * Math.sin(t / 3.0);
            double p50 = 1.2 * wobble;
            double p99 = (copying ? 30 : 8) * wobble;
            double max = (copying ? 200 : 25) * wobble;
            if (t == 106) {
                p99 = 900;
                max = 3500;
            }
            double copied = t < 20 ? Double.NaN : Math.min(1, (t - 20) / 70.0);
            long transactions = t == 105 ? 0 : 200;
            if (t == 50) {
                p50 = 0;
            }
            if (t == 60) {
                max = Double.NaN;
            }
            samples.add(new SecondSample(t, transactions, p50, p99, max, copied));
        }
        return samples;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    /** Pixels inside {@code area} within a small distance of {@code colour} (lines are antialiased). */
    private static int pixelsNear(BufferedImage image, Rectangle area, Color colour) {
        int count = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) + Math.abs(c.getGreen() - colour.getGreen())
                        + Math.abs(c.getBlue() - colour.getBlue()) <= 60) {
                    count++;
                }
            }
        }
        return count;
    }
}
