package dev.osc.cutover;

import java.util.List;

/**
 * The database's view of who keeps a cut-over's lock away: found after a failed attempt (its lock
 * released), ended on request. Never lists osc's own sessions.
 */
public interface BlockingSessions {

    /** For steps that cannot tell: nobody is named, nobody is ended. */
    BlockingSessions NONE = new BlockingSessions() {
        @Override
        public List<BlockingSession> find() {
            return List.of();
        }

        @Override
        public void terminate(BlockingSession session) {
            throw new UnsupportedOperationException("no session to terminate");
        }
    };

    /** The sessions holding a lock that conflicts with the one the attempt asked for. */
    List<BlockingSession> find() throws Exception;

    /** Ends {@code session} (its open transaction rolls back); throws when the server refused. */
    void terminate(BlockingSession session) throws Exception;

    /**
     * Cancels what a session that {@link BlockingSession#yields yields} is doing: true once signalled,
     * false when it had ended already; throws when the server refused.
     */
    default boolean cancel(BlockingSession session) throws Exception {
        throw new UnsupportedOperationException("no session to cancel");
    }
}
