package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.ClauseFacts;
import dev.osc.engine.model.TableName;
import dev.osc.engine.scenario.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL only (MariaDB has no replica identity): which replica identities let the stream see every old key. */
class PgReplicaIdentityCheckTest {
    private static final TestDatabase PG = TestDatabase.postgres();

    private static List<String> refusals(String... setup) throws Exception {
        PG.exec("DROP TABLE IF EXISTS it_ident", "CREATE TABLE it_ident (id bigint NOT NULL, v int NOT NULL, w int NOT NULL)",
                "CREATE UNIQUE INDEX it_ident_v ON it_ident (v)", "CREATE UNIQUE INDEX it_ident_id_v ON it_ident (id, v)");
        PG.exec(setup);
        try (Connection c = PG.connect()) {
            PgInspector inspector = new PgInspector(c);
            return new PgReplicaIdentityCheck().refusals(CheckContext.beforeProbe(c,
                    inspector.inspect(new TableName("public", "it_ident")), new ClauseFacts("", false), List.of()));
        } finally {
            PG.exec("DROP TABLE it_ident");
        }
    }

    @Test
    void identitiesThatLogTheWholeKeyPass() throws Exception {
        assertThat(refusals("ALTER TABLE it_ident ADD PRIMARY KEY (id)")).isEmpty();
        assertThat(refusals("ALTER TABLE it_ident ADD PRIMARY KEY (id)", "ALTER TABLE it_ident REPLICA IDENTITY FULL")).isEmpty();
        assertThat(refusals("ALTER TABLE it_ident ADD PRIMARY KEY (id)", "ALTER TABLE it_ident REPLICA IDENTITY USING INDEX it_ident_id_v"))
                .isEmpty();
        assertThat(refusals("ALTER TABLE it_ident REPLICA IDENTITY USING INDEX it_ident_v")).as("the identity index is the key").isEmpty();
    }

    @Test
    void anIdentityIndexLeavingOutAKeyColumnIsRefused() throws Exception {
        assertThat(refusals("ALTER TABLE it_ident ADD PRIMARY KEY (id)", "ALTER TABLE it_ident REPLICA IDENTITY USING INDEX it_ident_v"))
                .containsExactly("the replica identity index it_ident_v of table public.it_ident leaves out part of its primary key (id): "
                        + "an update of the key would reach the change stream without its old value; "
                        + "set REPLICA IDENTITY DEFAULT or FULL first");
    }

    @Test
    void nothingIsRefusedAlsoWhenTheIdentityIndexWasDropped() throws Exception {
        String refusal = "table public.it_ident has REPLICA IDENTITY NOTHING%s: published for the run, its updates and deletes "
                + "would fail; set REPLICA IDENTITY DEFAULT, FULL or USING INDEX first";
        assertThat(refusals("ALTER TABLE it_ident ADD PRIMARY KEY (id)", "ALTER TABLE it_ident REPLICA IDENTITY NOTHING"))
                .containsExactly(refusal.formatted(""));
        assertThat(refusals("ALTER TABLE it_ident ADD PRIMARY KEY (id)", "ALTER TABLE it_ident REPLICA IDENTITY USING INDEX it_ident_v",
                "DROP INDEX it_ident_v")).containsExactly(refusal.formatted(" (its replica identity index was dropped)"));
    }
}
