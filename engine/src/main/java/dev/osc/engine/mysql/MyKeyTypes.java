package dev.osc.engine.mysql;

import java.util.Locale;
import java.util.Optional;

/**
 * How a key value, carried as text, is bound back into SQL for its column type: integers through
 * {@code CAST(? AS SIGNED|UNSIGNED)} and decimals through {@code CAST(? AS DECIMAL(p,s))}, so a
 * comparison never goes through a double; strings as they are, compared in the column's
 * collation. Other key types are not supported by the shadow path yet.
 */
public final class MyKeyTypes {
    private MyKeyTypes() {
    }

    /** The bind expression for one key value of {@code columnType}, or empty when unsupported. */
    public static Optional<String> bindExpression(String columnType) {
        String t = columnType.toLowerCase(Locale.ROOT).strip();
        boolean unsigned = t.contains("unsigned");
        String base = t.replaceAll("\\(.*", "").replace(" unsigned", "").replace(" zerofill", "").strip();
        switch (base) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint":
                return Optional.of(unsigned ? "CAST(? AS UNSIGNED)" : "CAST(? AS SIGNED)");
            case "decimal", "numeric":
                String precision = t.contains("(") ? t.substring(t.indexOf('('), t.indexOf(')') + 1) : "";
                return Optional.of("CAST(? AS DECIMAL" + precision + ")");
            case "char", "varchar":
                return Optional.of("?");
            default:
                return Optional.empty();
        }
    }

    /**
     * A CAST target that turns a source value into the text the shadow's column of {@code targetType}
     * would show, for comparing a retyped column; empty when there is no exact one.
     */
    public static Optional<String> castTarget(String targetType) {
        String t = targetType.toLowerCase(Locale.ROOT).strip();
        String base = t.replaceAll("\\(.*", "").replace(" unsigned", "").replace(" zerofill", "").strip();
        String args = t.contains("(") ? t.substring(t.indexOf('('), t.indexOf(')') + 1) : "";
        return switch (base) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" ->
                    Optional.of(t.contains("unsigned") ? "UNSIGNED" : "SIGNED");
            case "decimal", "numeric" -> Optional.of("DECIMAL" + args);
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> Optional.of("CHAR");
            case "date" -> Optional.of("DATE");
            case "datetime" -> Optional.of("DATETIME" + args);
            case "time" -> Optional.of("TIME" + args);
            case "double" -> Optional.of("DOUBLE");
            default -> Optional.empty();
        };
    }
}
