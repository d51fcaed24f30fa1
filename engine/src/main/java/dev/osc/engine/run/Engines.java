package dev.osc.engine.run;

import dev.osc.engine.mysql.MyDatabase;
import dev.osc.engine.pg.PgDatabase;
import java.io.PrintStream;
import java.time.Clock;

/** Chooses the engine from the JDBC URL's scheme. */
public final class Engines {
    private Engines() {
    }

    /** What runs left on the database at {@code url}, for cleanup and abort. */
    public static dev.osc.engine.shadow.Leftovers leftovers(String url, String user, String password) {
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            return new dev.osc.engine.pg.PgLeftovers(new dev.osc.engine.pg.PgConnector(url, user, password));
        }
        if (url != null && (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))) {
            return new dev.osc.engine.mysql.MyLeftovers(new dev.osc.engine.mysql.MyConnector(url, user, password));
        }
        throw OscException.badInput("--url must start with jdbc:postgresql://, jdbc:mariadb:// or jdbc:mysql://");
    }

    public static Engine forUrl(String url, PrintStream log, Clock clock, RunProgress progress) {
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            return new DatabaseEngine(new PgDatabase(), log, clock, progress);
        }
        if (url != null && (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))) {
            return new DatabaseEngine(new MyDatabase(), log, clock, progress);
        }
        throw OscException.badInput("--url must start with jdbc:postgresql://, jdbc:mariadb:// or jdbc:mysql://");
    }
}
