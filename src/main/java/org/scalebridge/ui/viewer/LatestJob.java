package org.scalebridge.ui.viewer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A coalescing slot on the viewers' background render thread: {@link #submit} replaces a job that has not started yet,
 * so at most one job runs and at most one waits, and a producer faster than the renderer (a live run, a mouse drag)
 * only ever gets its newest request painted. One daemon thread serves all viewers (rendering is never engine work, so
 * it stays out of the studio's task bar); exceptions are reported and do not stop the thread.
 */
final class LatestJob {
    private static final ExecutorService RENDER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "viewer-render");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });

    private final AtomicReference<Runnable> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    void submit(Runnable job) {
        pending.set(job);
        if (scheduled.compareAndSet(false, true)) RENDER.execute(this::drain);
    }

    /** Nothing waiting and nothing running. */
    boolean idle() { return !scheduled.get() && pending.get() == null; }

    private void drain() {
        try {
            Runnable r;
            while ((r = pending.getAndSet(null)) != null) {
                try {
                    r.run();
                } catch (RuntimeException ex) {
                    Thread t = Thread.currentThread();
                    t.getUncaughtExceptionHandler().uncaughtException(t, ex);
                }
            }
        } finally {
            scheduled.set(false);
            // a job submitted between the last poll and the flag reset must not be stranded
            if (pending.get() != null && scheduled.compareAndSet(false, true)) RENDER.execute(this::drain);
        }
    }
}
