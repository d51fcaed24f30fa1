package dev.osc.engine.check;

import java.sql.SQLException;
import java.util.List;

/** One pre-flight check: a name, the phase it runs in, and the reasons (one line each) it refuses the shadow path. */
public interface Check {
    /** A short stable name, e.g. {@code usable-key}. */
    String name();

    CheckPhase phase();

    /** Empty when the check passes. */
    List<String> refusals(CheckContext context) throws SQLException;
}
