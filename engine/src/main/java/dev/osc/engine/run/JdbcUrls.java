package dev.osc.engine.run;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** JDBC URL handling shared by the dialects' connectors: query parameters and credential removal. */
public final class JdbcUrls {
    private JdbcUrls() {
    }

    /** The URL's query parameters, decoded. */
    public static Map<String, String> queryParameters(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The URL without {@code user}, {@code password} and the other named parameters. */
    public static String without(String url, Set<String> dropped) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (pair.isEmpty() || name.equals("user") || name.equals("password") || dropped.contains(name)) {
                continue;
            }
            kept.append(kept.length() == 0 ? "" : "&").append(pair);
        }
        return url.substring(0, q) + (kept.length() == 0 ? "" : "?" + kept);
    }

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s'\"]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@\\s'\":]*):[^/@\\s'\"]*@");

    /**
     * {@code text} with every {@code password=...} parameter and {@code user:password@} in it
     * masked: for text that may echo a command line (a usage error, a driver's message).
     */
    public static String redacted(String text) {
        return text == null ? null : USER_INFO.matcher(PASSWORD_PARAMETER.matcher(text).replaceAll("$1***")).replaceAll("$1:***@");
    }

    /** The first line of an exception's message (drivers append details on further lines). */
    public static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).strip();
    }
}
