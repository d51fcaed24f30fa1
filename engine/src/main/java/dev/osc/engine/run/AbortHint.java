package dev.osc.engine.run;

import dev.osc.engine.model.TableName;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code osc abort} command line for a table, as an operator would type it: the URL without its password. */
final class AbortHint {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@=-]+");

    private AbortHint() {
    }

    static String command(RunSettings settings, TableName table) {
        String user = settings.user() != null ? settings.user() : JdbcUrls.queryParameters(settings.url()).get("user");
        return "osc abort --url " + shell(JdbcUrls.without(settings.url(), Set.of())) + (user == null ? "" : " --user " + shell(user))
                + " --table " + shell(table.toString());
    }

    /** A word the shell takes as it is: quoted in single quotes when it holds anything but plain characters. */
    static String shell(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
