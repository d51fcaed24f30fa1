package dev.osc.throttling;

import java.util.List;

/** Reads the lag of one or more replicas (one named server, or every standby a primary sees); what a dialect implements. */
public interface ReplicaLagSource {

    /** What this source reads, for a reason when it cannot be read ({@code replica mariadb://db2:3306/app}). */
    String describe();

    /** The lag of each replica it covers now; none when it covers none at the moment (a primary without standbys). */
    List<ReplicaLag> read() throws Exception;
}
