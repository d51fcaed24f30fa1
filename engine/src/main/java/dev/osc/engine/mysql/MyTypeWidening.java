package dev.osc.engine.mysql;

import dev.osc.engine.check.TypeWidening;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MySQL/MariaDB type changes that keep every value (as COLUMN_TYPE names them); anything else counts as narrowing. */
public final class MyTypeWidening implements TypeWidening {
    private static final List<String> INTEGERS = List.of("tinyint", "smallint", "mediumint", "int", "bigint");
    private static final List<String> TEXTS = List.of("tinytext", "text", "mediumtext", "longtext");
    private static final Pattern INTEGER = Pattern.compile("(tinyint|smallint|mediumint|int|bigint)(?:\\(\\d+\\))?( unsigned)?( zerofill)?");
    private static final Pattern SIZED = Pattern.compile("(varchar|char|varbinary|binary|decimal)\\((\\d+)(?:,(\\d+))?\\)");

    private static final List<String> SIGNED_RANGES = List.of("-128 AND 127", "-32768 AND 32767", "-8388608 AND 8388607",
            "-2147483648 AND 2147483647", "-9223372036854775808 AND 9223372036854775807");
    private static final List<String> UNSIGNED_RANGES = List.of("0 AND 255", "0 AND 65535", "0 AND 16777215",
            "0 AND 4294967295", "0 AND 18446744073709551615");
    private static final Pattern NUMBER = Pattern.compile("(tinyint|smallint|mediumint|int|bigint|decimal|float|double)\\b.*");
    private static final Pattern STRING = Pattern.compile("(varchar|char|tinytext|text|mediumtext|longtext)\\b.*");

    @Override
    public Optional<String> unfit(String column, String fromType, String toType) {
        String from = fromType.toLowerCase(Locale.ROOT);
        String to = toType.toLowerCase(Locale.ROOT);
        Matcher integer = INTEGER.matcher(to);
        if (integer.matches() && NUMBER.matcher(from).matches()) {
            List<String> ranges = integer.group(2) == null ? SIGNED_RANGES : UNSIGNED_RANGES;
            return Optional.of("ROUND(" + column + ") NOT BETWEEN " + ranges.get(INTEGERS.indexOf(integer.group(1))));
        }
        Matcher sized = SIZED.matcher(to);
        if (!sized.matches()) {
            return Optional.empty();
        }
        int size = Integer.parseInt(sized.group(2));
        if ((sized.group(1).equals("varchar") || sized.group(1).equals("char")) && STRING.matcher(from).matches()) {
            // trailing spaces beyond the length are dropped with a note, not refused
            return Optional.of("CHAR_LENGTH(RTRIM(" + column + ")) > " + size);
        }
        if (sized.group(1).equals("decimal") && NUMBER.matcher(from).matches()) {
            int scale = sized.group(3) == null ? 0 : Integer.parseInt(sized.group(3));
            return Optional.of("ABS(ROUND(" + column + ", " + scale + ")) >= POW(10, " + (size - scale) + ")");
        }
        return Optional.empty();
    }

    @Override
    public boolean widens(String fromType, String toType) {
        String from = fromType.toLowerCase(Locale.ROOT);
        String to = toType.toLowerCase(Locale.ROOT);
        if (from.equals(to)) {
            return true;
        }
        Matcher fi = INTEGER.matcher(from);
        Matcher ti = INTEGER.matcher(to);
        if (fi.matches() && ti.matches()) {
            int f = INTEGERS.indexOf(fi.group(1));
            int t = INTEGERS.indexOf(ti.group(1));
            boolean fromUnsigned = fi.group(2) != null;
            boolean toUnsigned = ti.group(2) != null;
            return fromUnsigned == toUnsigned ? t >= f : fromUnsigned && t > f;
        }
        Matcher a = SIZED.matcher(from);
        Matcher b = SIZED.matcher(to);
        if (a.matches() && b.matches()) {
            // binary(n) to binary(m) pads with zero bytes: the values change
            boolean sameFamily = (a.group(1).equals(b.group(1)) && !a.group(1).equals("binary"))
                    || (a.group(1).equals("char") && b.group(1).equals("varchar"))
                    || (a.group(1).equals("binary") && b.group(1).equals("varbinary"));
            int scaleFrom = a.group(3) == null ? 0 : Integer.parseInt(a.group(3));
            int scaleTo = b.group(3) == null ? 0 : Integer.parseInt(b.group(3));
            return sameFamily && scaleTo >= scaleFrom
                    && Integer.parseInt(b.group(2)) - scaleTo >= Integer.parseInt(a.group(2)) - scaleFrom;
        }
        if (a.matches() && (a.group(1).equals("varchar") || a.group(1).equals("char"))) {
            // TEXT holds 65,535 bytes: enough for 16,383 characters of four bytes each
            int t = TEXTS.indexOf(to);
            return t >= 2 || (t == 1 && Integer.parseInt(a.group(2)) <= 16_383);
        }
        int ft = TEXTS.indexOf(from);
        return ft >= 0 && TEXTS.indexOf(to) >= ft;
    }
}
