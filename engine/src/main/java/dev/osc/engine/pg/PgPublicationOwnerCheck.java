package dev.osc.engine.pg;

import dev.osc.engine.check.Check;
import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.CheckPhase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A publication that lists the table by name follows the table's identity, so the swap moves the
 * listing to the new table ({@link PgSwap}); that needs the publication's owner (or a superuser).
 * Found now rather than at the end of the copy.
 */
public final class PgPublicationOwnerCheck implements Check {
    @Override
    public String name() {
        return "publication-owner";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) throws SQLException {
        List<String> foreign = new ArrayList<>();
        try (PreparedStatement ps = context.connection().prepareStatement(
                "SELECT p.pubname FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid "
                        + "WHERE r.prrelid = ? AND NOT pg_has_role(current_user, p.pubowner, 'USAGE') "
                        + "AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) ORDER BY 1")) {
            ps.setLong(1, context.table().oid());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    foreign.add(rs.getString(1));
                }
            }
        }
        return foreign.isEmpty() ? List.of() : List.of("the table is listed in publication(s) " + String.join(", ", foreign)
                + " owned by another role; the swap must move the listing to the new table (run as their owner)");
    }
}
