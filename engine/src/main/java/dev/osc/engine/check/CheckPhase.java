package dev.osc.engine.check;

/** When a check runs, in the order a run reaches the phases. */
public enum CheckPhase {
    /** Before anything is created, the probe included: table facts, server settings, privileges, leftover names. */
    PLAN,
    /** After the ALTER was applied to the probe: what it does to the key and the columns. */
    PROBED,
    /** Once the shadow, the state and the change stream exist (the gates of the next issue). */
    POST_SETUP,
    /** Under the swap's lock, before the rename. */
    CUTOVER
}
