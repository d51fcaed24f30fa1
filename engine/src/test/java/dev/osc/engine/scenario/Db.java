package dev.osc.engine.scenario;

/** The databases a scenario can run on. */
public enum Db {
    POSTGRES("postgresql"),
    MARIADB("mariadb");

    private final String scheme;

    Db(String scheme) {
        this.scheme = scheme;
    }

    /** The JDBC sub-protocol: {@code jdbc:<scheme>://...}. */
    public String scheme() {
        return scheme;
    }
}
