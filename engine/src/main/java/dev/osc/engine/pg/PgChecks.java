package dev.osc.engine.pg;

import dev.osc.engine.check.CheckRegistry;
import dev.osc.engine.check.DependentViewsCheck;
import dev.osc.engine.check.ForeignKeysInCheck;
import dev.osc.engine.check.KeyChangeCheck;
import dev.osc.engine.check.PartitioningCheck;
import dev.osc.engine.check.TriggersCheck;
import dev.osc.engine.check.UsableKeyCheck;
import dev.osc.engine.model.TableName;
import java.util.List;

/**
 * PostgreSQL's pre-flight checks, in order: the shared ones, then PostgreSQL's own. The shadow
 * carries the table's own foreign keys over, so only foreign keys pointing at it are refused.
 */
public final class PgChecks {
    private PgChecks() {
    }

    public static CheckRegistry registry() {
        return new CheckRegistry(List.of(
                new UsableKeyCheck("primary key (or replica identity index): osc needs a key to copy and apply changes"),
                new PgKeyTypeCheck(),
                new PgReplicaIdentityCheck(),
                new KeyChangeCheck(false),
                new ForeignKeysInCheck(),
                new DependentViewsCheck(),
                new TriggersCheck(),
                new PartitioningCheck("partitioned and inheritance tables"),
                new PgUsingExpressionCheck(),
                new PgLogicalDecodingCheck(),
                new PgReplicationRoleCheck(),
                new PgPublicationOwnerCheck(),
                new PgLeftoverNamesCheck()));
    }

    /** Every table name the run will need. */
    public static List<TableName> runTables(PgRunNames names) {
        return List.of(names.shadow(), names.old(), names.fence(), names.state(), names.probe());
    }
}
