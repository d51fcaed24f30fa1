package dev.osc.engine.pg;

import dev.osc.engine.check.TypeWidening;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL type changes that keep every value (as {@code format_type} names them); anything else counts as narrowing. */
public final class PgTypeWidening implements TypeWidening {
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final Pattern SIZED = Pattern.compile("(character varying|character|bit varying|numeric)\\((\\d+)(?:,(\\d+))?\\)");
    private static final List<String> NUMBERS = List.of("smallint", "integer", "bigint", "numeric", "real", "double precision");
    private static final List<String> RANGES = List.of("-32768 AND 32767", "-2147483648 AND 2147483647",
            "-9223372036854775808 AND 9223372036854775807");

    @Override
    public Optional<String> unfit(String column, String from, String to) {
        boolean numeric = NUMBERS.contains(from) || from.startsWith("numeric(");
        boolean string = from.equals("text") || from.startsWith("character");
        int integer = INTEGERS.indexOf(to);
        Matcher sized = SIZED.matcher(to);
        if (integer >= 0 && numeric) {
            return Optional.of("round(" + column + "::numeric) NOT BETWEEN " + RANGES.get(integer));
        }
        if (!sized.matches()) {
            return Optional.empty();
        }
        String kind = sized.group(1);
        int size = Integer.parseInt(sized.group(2));
        if ((kind.equals("character varying") || kind.equals("character")) && string) {
            // trailing spaces beyond the length are dropped, not refused
            return Optional.of("char_length(rtrim(" + column + ")) > " + size);
        }
        if (kind.equals("numeric") && numeric) {
            int scale = sized.group(3) == null ? 0 : Integer.parseInt(sized.group(3));
            return Optional.of("abs(round(" + column + "::numeric, " + scale + ")) >= 10::numeric ^ " + (size - scale));
        }
        return Optional.empty();
    }

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
