package dev.osc.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** A PNG of a run's write latency per second (p50, p99, max; log scale) above its copy progress, phases marked. */
final class LatencyChart {
    static final int WIDTH = 1200;
    static final int HEIGHT = 700;
    /** The latency panel's plot area, about two thirds of the image. */
    static final Rectangle LATENCY_PLOT = new Rectangle(80, 60, 1090, 400);
    /** The copy-progress panel's plot area, on the same x axis. */
    static final Rectangle COPY_PLOT = new Rectangle(80, 510, 1090, 125);
    static final Color P50 = new Color(31, 119, 180);
    static final Color P99 = new Color(255, 127, 14);
    static final Color MAX = new Color(214, 39, 40);
    static final Color COPIED = new Color(44, 160, 44);
    /** Pixels kept clear between a panel's side and the ends of its x axis, so end points show whole. */
    private static final int X_INSET = 5;
    /** Latencies below this are drawn at it: the bottom of the log axis. */
    static final double FLOOR_MS = 0.1;

    private static final Color INK = new Color(30, 30, 30);
    private static final Color BORDER = new Color(150, 150, 150);
    private static final Color GRID = new Color(225, 225, 225);
    private static final Color MINOR_GRID = new Color(242, 242, 242);
    private static final Color PHASE = new Color(90, 90, 90);
    private static final Stroke LINE = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke THIN = new BasicStroke(1f);
    private static final Stroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    /** Cleared for good the first time the system font fails to draw; every chart after that uses {@link PixelFont}. */
    private static volatile boolean systemFontsWork = true;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private LatencyChart() {}

    /** Renders the chart and writes it to {@code png}, replacing any file there. */
    static void write(Path png, String title, List<SecondSample> samples, List<PhaseMark> phases) throws IOException {
        BufferedImage image = render(title, samples, phases, true);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }

    /** Renders the chart; {@code systemFonts} false draws all text with {@link PixelFont}. */
    static BufferedImage render(String title, List<SecondSample> samples, List<PhaseMark> phases, boolean systemFonts) {
        List<SecondSample> data = samples.stream().filter(s -> Double.isFinite(s.atSeconds()))
                .sorted(Comparator.comparingDouble(SecondSample::atSeconds)).toList();
        List<PhaseMark> marks = phases.stream().filter(p -> Double.isFinite(p.atSeconds())).toList();
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Labels labels = new Labels(g, systemFonts);
            Scale x = xScale(data, marks);
            labels.draw(Objects.requireNonNullElse(title, ""), WIDTH / 2.0, 22, 0.5, true, INK);
            latencyPanel(g, labels, data, x);
            copyPanel(g, labels, data, x);
            phaseMarks(g, labels, marks, x);
            labels.draw("seconds from start of run", LATENCY_PLOT.getCenterX(), HEIGHT - 20, 0.5, false, INK);
            if (data.isEmpty()) {
                labels.draw("no samples", LATENCY_PLOT.getCenterX(), LATENCY_PLOT.getCenterY(), 0.5, true, INK);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void latencyPanel(Graphics2D g, Labels labels, List<SecondSample> data, Scale x) {
        Rectangle r = LATENCY_PLOT;
        int topDecade = topDecade(data);
        double pad = 0.03 * (topDecade - Math.log10(FLOOR_MS));
        Scale y = new Scale(Math.log10(FLOOR_MS) - pad, topDecade + pad, r.y + r.height, r.y);
        labels.draw("write latency per second, ms (log scale)", r.x, r.y - 15, 0, false, INK);
        legend(g, labels, r.x + r.width, r.y - 15);
        for (int decade = -1; decade <= topDecade; decade++) {
            for (int m = 2; m <= 9 && decade < topDecade; m++) {
                horizontal(g, r, y.at(decade + Math.log10(m)), MINOR_GRID);
            }
            horizontal(g, r, y.at(decade), GRID);
            labels.draw(number(Math.pow(10, decade)), r.x - 8, y.at(decade), 1, false, INK);
        }
        xGrid(g, labels, r, x);
        Graphics2D clipped = (Graphics2D) g.create(r.x, r.y, r.width + 1, r.height + 1);
        try {
            clipped.translate(-r.x, -r.y);
            plot(clipped, data, s -> logLatency(s, s.maxMs()), x, y, MAX);
            plot(clipped, data, s -> logLatency(s, s.p99Ms()), x, y, P99);
            plot(clipped, data, s -> logLatency(s, s.p50Ms()), x, y, P50);
        } finally {
            clipped.dispose();
        }
        border(g, r);
    }

    private static void copyPanel(Graphics2D g, Labels labels, List<SecondSample> data, Scale x) {
        Rectangle r = COPY_PLOT;
        Scale y = new Scale(-6, 106, r.y + r.height, r.y);
        labels.draw("copy progress, %", r.x, r.y - 13, 0, false, INK);
        for (int pct = 0; pct <= 100; pct += 25) {
            horizontal(g, r, y.at(pct), GRID);
            labels.draw(pct + "%", r.x - 8, y.at(pct), 1, false, INK);
        }
        xGrid(g, labels, r, x);
        plot(g, data, LatencyChart::copiedPercent, x, y, COPIED);
        border(g, r);
    }

    /** Vertical grid lines at the x ticks of {@code r}, labelled below it. */
    private static void xGrid(Graphics2D g, Labels labels, Rectangle r, Scale x) {
        double step = niceStep((x.hi - x.lo) / 10);
        for (int i = 0; x.lo + i * step <= x.hi + step * 1e-9; i++) {
            double v = x.lo + i * step;
            double px = x.at(v);
            g.setColor(GRID);
            g.setStroke(THIN);
            g.draw(new Line2D.Double(px, r.y, px, r.y + r.height));
            g.setColor(BORDER);
            g.draw(new Line2D.Double(px, r.y + r.height, px, r.y + r.height + 4));
            labels.draw(number(v), px, r.y + r.height + 13, 0.5, false, INK);
        }
    }

    private static void legend(Graphics2D g, Labels labels, int right, int centreY) {
        String[] names = {"p50", "p99", "max"};
        Color[] colours = {P50, P99, MAX};
        int x = right;
        for (int i = names.length - 1; i >= 0; i--) {
            x -= labels.width(names[i], false);
            labels.draw(names[i], x, centreY, 0, false, INK);
            x -= 28;
            g.setColor(colours[i]);
            g.setStroke(new BasicStroke(3f));
            g.draw(new Line2D.Double(x, centreY, x + 22, centreY));
            x -= 18;
        }
    }

    /** Dashed lines across both panels at every phase, names near the top, stacked when they would overlap. */
    private static void phaseMarks(Graphics2D g, Labels labels, List<PhaseMark> marks, Scale x) {
        int[] rowEnds = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (PhaseMark mark : marks.stream().sorted(Comparator.comparingDouble(PhaseMark::atSeconds)).toList()) {
            double px = x.at(mark.atSeconds());
            g.setColor(PHASE);
            g.setStroke(DASHED);
            for (Rectangle r : List.of(LATENCY_PLOT, COPY_PLOT)) {
                g.draw(new Line2D.Double(px, r.y, px, r.y + r.height));
            }
            String name = Objects.requireNonNullElse(mark.name(), "");
            int width = labels.width(name, false);
            int left = (int) px + 4;
            if (left + width > LATENCY_PLOT.x + LATENCY_PLOT.width - 2) {
                left = (int) px - 4 - width;
            }
            int row = 0;
            while (row < rowEnds.length - 1 && left <= rowEnds[row] + 6) {
                row++;
            }
            rowEnds[row] = Math.max(rowEnds[row], left + width);
            int centreY = LATENCY_PLOT.y + 12 + row * 16;
            g.setColor(new Color(255, 255, 255, 210));
            g.fillRect(left - 2, centreY - 7, width + 4, 15);
            labels.draw(name, left, centreY, 0, false, PHASE);
        }
    }

    /** Draws {@code value} of each sample as a line, breaking it at NaN; a point with no neighbour becomes a dot. */
    private static void plot(Graphics2D g, List<SecondSample> data, ToDoubleFunction<SecondSample> value,
                             Scale x, Scale y, Color colour) {
        g.setColor(colour);
        g.setStroke(LINE);
        Path2D.Double path = new Path2D.Double();
        int run = 0;
        double lastX = 0;
        double lastY = 0;
        for (SecondSample s : data) {
            double v = value.applyAsDouble(s);
            if (Double.isNaN(v)) {
                dotIfAlone(g, run, lastX, lastY);
                run = 0;
                continue;
            }
            lastX = x.at(s.atSeconds());
            lastY = y.at(v);
            if (run++ == 0) {
                path.moveTo(lastX, lastY);
            } else {
                path.lineTo(lastX, lastY);
            }
        }
        dotIfAlone(g, run, lastX, lastY);
        g.draw(path);
    }

    private static void dotIfAlone(Graphics2D g, int run, double px, double py) {
        if (run == 1) {
            g.fill(new Ellipse2D.Double(px - 2.5, py - 2.5, 5, 5));
        }
    }

    /** log10 of a latency clamped to {@link #FLOOR_MS}; NaN (a gap) when no write finished or the value is unknown. */
    static double logLatency(SecondSample s, double ms) {
        if (s.transactions() <= 0 || Double.isNaN(ms) || ms == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        return Math.log10(Math.max(FLOOR_MS, ms));
    }

    private static double copiedPercent(SecondSample s) {
        double f = s.copiedFraction();
        return Double.isFinite(f) ? 100 * Math.min(1, Math.max(0, f)) : Double.NaN;
    }

    /** The decade at the top of the log axis: the data's highest latency rounded up, at least 10 ms. */
    private static int topDecade(List<SecondSample> data) {
        double highest = Double.NaN;
        for (SecondSample s : data) {
            for (double ms : new double[] {s.p50Ms(), s.p99Ms(), s.maxMs()}) {
                double v = logLatency(s, ms);
                highest = Double.isNaN(highest) || v > highest ? v : highest;
            }
        }
        return Double.isNaN(highest) ? 1 : Math.max(1, (int) Math.ceil(highest - 1e-9));
    }

    /** The x axis: from the earliest sample or phase (0 at the latest) to the latest one, widened to whole ticks. */
    private static Scale xScale(List<SecondSample> data, List<PhaseMark> marks) {
        double lo = 0;
        double hi = data.isEmpty() && marks.isEmpty() ? 10 : Double.NEGATIVE_INFINITY;
        for (SecondSample s : data) {
            lo = Math.min(lo, s.atSeconds());
            hi = Math.max(hi, s.atSeconds());
        }
        for (PhaseMark p : marks) {
            lo = Math.min(lo, p.atSeconds());
            hi = Math.max(hi, p.atSeconds());
        }
        hi = Math.max(hi, lo + 1);
        double step = niceStep((hi - lo) / 10);
        return new Scale(Math.floor(lo / step) * step, Math.ceil(hi / step) * step,
                LATENCY_PLOT.x + X_INSET, LATENCY_PLOT.x + LATENCY_PLOT.width - X_INSET);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    /** A tick label: no exponent, no trailing zeros ("0.1", "5", "10000"). */
    static String number(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static void horizontal(Graphics2D g, Rectangle r, double py, Color colour) {
        g.setColor(colour);
        g.setStroke(THIN);
        g.draw(new Line2D.Double(r.x, py, r.x + r.width, py));
    }

    private static void border(Graphics2D g, Rectangle r) {
        g.setColor(BORDER);
        g.setStroke(THIN);
        g.drawRect(r.x, r.y, r.width, r.height);
    }

    /** A linear map from data values [lo, hi] to pixels [from, to]. */
    private record Scale(double lo, double hi, double from, double to) {
        double at(double v) {
            return from + (v - lo) / (hi - lo) * (to - from);
        }
    }

    /** Draws text with the system font, or with {@link PixelFont} when asked to or once the system font has failed. */
    private static final class Labels {
        private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        private static final Font LARGE = new Font(Font.SANS_SERIF, Font.BOLD, 18);

        private final Graphics2D g;
        private final boolean systemFonts;

        Labels(Graphics2D g, boolean systemFonts) {
            this.g = g;
            this.systemFonts = systemFonts;
        }

        /** Width of {@code text} in pixels. */
        int width(String text, boolean large) {
            if (system()) {
                try {
                    return g.getFontMetrics(large ? LARGE : SMALL).stringWidth(text);
                } catch (RuntimeException | Error e) {
                    fontsFailed(e);
                }
            }
            return PixelFont.width(text, scale(large));
        }

        /** Draws {@code text} vertically centred on {@code centreY}; {@code align} 0 puts x at its left, 0.5 middle, 1 right. */
        void draw(String text, double x, double centreY, double align, boolean large, Color colour) {
            g.setColor(colour);
            int width = width(text, large);
            int left = (int) Math.round(x - align * width);
            if (system()) {
                try {
                    Font font = large ? LARGE : SMALL;
                    FontMetrics metrics = g.getFontMetrics(font);
                    g.setFont(font);
                    g.drawString(text, left, (int) Math.round(centreY + (metrics.getAscent() - metrics.getDescent()) / 2.0));
                    return;
                } catch (RuntimeException | Error e) {
                    fontsFailed(e);
                }
            }
            int scale = scale(large);
            left = (int) Math.round(x - align * PixelFont.width(text, scale));
            PixelFont.draw(g, text, left, (int) Math.round(centreY - PixelFont.height(scale) / 2.0), scale);
        }

        private boolean system() {
            return systemFonts && systemFontsWork;
        }

        private static int scale(boolean large) {
            return large ? 2 : 1;
        }

        private static void fontsFailed(Throwable e) {
            if (e instanceof VirtualMachineError fatal && !(e instanceof InternalError)) {
                throw fatal;
            }
            if (systemFontsWork) {
                systemFontsWork = false;
                System.err.println("latency chart: system fonts unusable (" + e + "), using the built-in pixel font");
            }
        }
    }
}
