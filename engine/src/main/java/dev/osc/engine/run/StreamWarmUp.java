package dev.osc.engine.run;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a database's {@link Database#streamWarmUp} once on a daemon thread, while the
 * command connects, plans and prepares: on MariaDB the stream starts before the first chunk,
 * and loading its connector and DDL parser was about a third of that start. A warm-up that
 * fails changes nothing, the stream's own start then doing the same work; a class that failed to
 * initialize is logged as a warning, since the stream's start would only see it as missing.
 */
public final class StreamWarmUp {
    /** The JVM's one warm-up: the classes it loads stay loaded. */
    static final StreamWarmUp ONCE = new StreamWarmUp();
    private static final Logger LOG = LoggerFactory.getLogger(StreamWarmUp.class);
    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * Starts {@code warmUp} unless one has started here before, or it is null (which uses up nothing);
     * returns at once with the thread, or null.
     */
    public Thread start(Runnable warmUp) {
        if (warmUp == null || !started.compareAndSet(false, true)) {
            return null;
        }
        Thread thread = new Thread(() -> {
            try {
                warmUp.run();
            } catch (LinkageError e) {
                LOG.warn("the change stream's warm-up failed to load the connector: {}", e.toString());
            } catch (Throwable t) {
                LOG.debug("the change stream's warm-up failed; its start does the work", t);
            }
        }, "osc-stream-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }
}
