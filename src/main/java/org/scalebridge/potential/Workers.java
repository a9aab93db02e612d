package org.scalebridge.potential;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A fixed set of worker threads for the force loops. Task k of {@link #run} always does the same slice of work,
 * so results are deterministic for a fixed thread count; task 0 runs on the calling thread.
 */
final class Workers {
    private int threads = 1;
    private ExecutorService pool;
    private final List<Callable<Void>> calls = new ArrayList<>();
    private final List<Future<Void>> futures = new ArrayList<>();
    private IntConsumer body;

    int threads() { return threads; }

    synchronized void setThreads(int t) {
        if (t < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + t);
        if (t == threads) return;
        if (pool != null) pool.shutdown();
        pool = null;
        threads = t;
        calls.clear();
        if (t > 1) {
            pool = Executors.newFixedThreadPool(t - 1, r -> {
                Thread th = new Thread(r, "scalebridge-force");
                th.setDaemon(true);
                return th;
            });
            for (int k = 1; k < t; k++) {
                final int task = k;
                calls.add(() -> { body.accept(task); return null; });
            }
        }
    }

    /** Runs body(0..threads−1) concurrently and waits for all. */
    void run(IntConsumer work) {
        if (threads == 1) { work.accept(0); return; }
        body = work;
        futures.clear();
        for (Callable<Void> c : calls) futures.add(pool.submit(c));
        Throwable failure = null;
        try {
            work.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause();
            }
        }
        body = null;
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error er) throw er;
        if (failure != null) throw new IllegalStateException("force worker failed", failure);
    }
}
