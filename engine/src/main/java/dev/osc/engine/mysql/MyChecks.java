package dev.osc.engine.mysql;

import dev.osc.engine.check.CheckRegistry;
import dev.osc.engine.check.DependentViewsCheck;
import dev.osc.engine.check.ForeignKeysInCheck;
import dev.osc.engine.check.ForeignKeysOutCheck;
import dev.osc.engine.check.KeyChangeCheck;
import dev.osc.engine.check.PartitioningCheck;
import dev.osc.engine.check.TriggersCheck;
import dev.osc.engine.check.UsableKeyCheck;
import dev.osc.engine.model.TableName;
import java.util.ArrayList;
import java.util.List;

/** MySQL/MariaDB's pre-flight checks, in order: the shared ones, then the server's own. */
public final class MyChecks {
    private MyChecks() {
    }

    public static CheckRegistry registry() {
        return new CheckRegistry(List.of(
                new UsableKeyCheck("primary key: osc needs one to copy and apply changes"),
                new MyKeyTypeCheck(),
                new KeyChangeCheck(true),
                new ForeignKeysInCheck(),
                new ForeignKeysOutCheck(),
                new TriggersCheck(),
                new DependentViewsCheck(),
                new PartitioningCheck("partitioned tables"),
                new MyNameLengthCheck(),
                new MyLeftoverNamesCheck(),
                new MyBinlogCheck(),
                new MyReplicationGrantsCheck()));
    }

    /** Every table name the run will need; the shadow and the sentry only when the table's name leaves room for them. */
    public static List<TableName> runTables(MyRunNames names) {
        List<TableName> out = new ArrayList<>();
        if (MyNameLengthCheck.fits(names.source())) {
            out.add(names.shadow());
            out.add(names.sentry());
        }
        out.addAll(List.of(names.old(), names.fence(), names.state(), names.probe()));
        return out;
    }
}
