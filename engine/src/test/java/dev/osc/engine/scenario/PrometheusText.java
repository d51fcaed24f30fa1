package dev.osc.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus text exposition format (0.0.4), parsed strictly enough to fail on what a scraper
 * would reject: every sample is {@code name{label="value",...} number}, and its family has a
 * {@code # TYPE} line before it.
 */
record PrometheusText(Map<String, Double> samples) {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*})? (\\S+)( -?\\d+)?");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");

    static PrometheusText parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Set<String> families = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("# HELP ")) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                families.add(type.group(1));
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a Prometheus sample line: %s", line).isTrue();
            String name = m.group(1);
            assertThat(families.stream().anyMatch(f -> name.equals(f) || name.startsWith(f + "_"))).as("TYPE before %s", line).isTrue();
            samples.put(name + (m.group(2) == null ? "" : m.group(2)), number(m.group(3)));
        }
        assertThat(samples).as("samples in %s", text).isNotEmpty();
        return new PrometheusText(samples);
    }

    private static double number(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** The value of one series, written as it is exposed ({@code osc_phase{phase="copy"}}). */
    double value(String series) {
        assertThat(samples).as("series %s", series).containsKey(series);
        return samples.get(series);
    }
}
