package dev.osc.engine.migrate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table ...} taken apart
 * (names as written, quotes kept), so that PostgreSQL can build it concurrently and drop what a
 * failed concurrent build leaves.
 */
public record CreateIndexStatement(boolean unique, boolean concurrently, boolean ifNotExists, String name, boolean only,
                                   String table, String rest) {
    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern FORM = Pattern.compile("(?is)CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?"
            + "(IF\\s+NOT\\s+EXISTS\\s+)?(?:(" + IDENT + ")\\s+)?ON\\s+(ONLY\\s+)?(" + IDENT + "(?:\\s*\\.\\s*" + IDENT + ")?)(.*)");

    /** The parts of {@code statement}, or empty when it does not have this form (it then runs as written). */
    public static Optional<CreateIndexStatement> parse(String statement) {
        Matcher m = FORM.matcher(StatementKind.withoutLeadingComments(statement).strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new CreateIndexStatement(m.group(1) != null, m.group(2) != null, m.group(3) != null, m.group(4),
                m.group(5) != null, m.group(6).replaceAll("\\s*\\.\\s*", "."), m.group(7)));
    }

    /** The same statement with CONCURRENTLY. */
    public String concurrent() {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + (ifNotExists ? "IF NOT EXISTS " : "")
                + (name == null ? "" : name + " ") + "ON " + (only ? "ONLY " : "") + table + rest;
    }
}
