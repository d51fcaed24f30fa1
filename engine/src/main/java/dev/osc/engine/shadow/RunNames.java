package dev.osc.engine.shadow;

import dev.osc.engine.model.TableName;

/** The names of everything one run creates beside the source; how they are derived is the dialect's. */
public interface RunNames {
    TableName source();

    String runId();

    TableName shadow();

    TableName old();

    TableName probe();

    TableName fence();

    TableName state();
}
