package dev.osc.engine.pg;

import dev.osc.engine.check.TypeWidening;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL type changes that keep every value (as {@code format_type} names them); anything else counts as narrowing. */
public final class PgTypeWidening implements TypeWidening {
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final Pattern SIZED = Pattern.compile("(character varying|character|bit varying|numeric)\\((\\d+)(?:,(\\d+))?\\)");

    @Override
    public boolean widens(String from, String to) {
        if (from.equals(to) || to.equals("text")) {
            return true;
        }
        int f = INTEGERS.indexOf(from);
        int t = INTEGERS.indexOf(to);
        if (f >= 0 && (t > f || to.equals("numeric"))) {
            return true;
        }
        if (from.equals("real") && to.equals("double precision")) {
            return true;
        }
        if (from.startsWith("character varying") && to.equals("character varying")) {
            return true;
        }
        Matcher a = SIZED.matcher(from);
        Matcher b = SIZED.matcher(to);
        if (a.matches() && b.matches() && a.group(1).equals(b.group(1))) {
            int scaleFrom = a.group(3) == null ? 0 : Integer.parseInt(a.group(3));
            int scaleTo = b.group(3) == null ? 0 : Integer.parseInt(b.group(3));
            int precisionFrom = Integer.parseInt(a.group(2));
            int precisionTo = Integer.parseInt(b.group(2));
            return scaleTo >= scaleFrom && precisionTo - scaleTo >= precisionFrom - scaleFrom;
        }
        return from.startsWith("numeric(") && to.equals("numeric");
    }
}
