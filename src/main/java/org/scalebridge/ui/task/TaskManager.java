package org.scalebridge.ui.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.scalebridge.core.Progress;

/**
 * The studio's background executor: a fixed pool sized to the machine's cores (engine work never runs on the FX
 * thread; further jobs queue). Every submitted job becomes an {@link EngineTask} listed in {@link #tasks()} so the
 * task bar can show it with progress, elapsed/remaining time and a cancel button. Short transient jobs (reading a
 * trajectory frame, preparing a view) run on a separate small pool so they never queue behind long runs.
 */
public final class TaskManager {
    private final ExecutorService pool;
    /** Short interactive jobs (reading a frame, preparing a view) never wait behind queued runs. */
    private final ExecutorService quick;
    private final ObservableList<EngineTask<?>> tasks = FXCollections.observableArrayList();
    private Consumer<String> log = s -> {};
    private final int threads;

    public TaskManager() { this(Math.max(1, Runtime.getRuntime().availableProcessors())); }

    public TaskManager(int threads) {
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "studio-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);   // keep the FX thread ahead of engine work
            return t;
        });
        AtomicInteger q = new AtomicInteger();
        quick = Executors.newFixedThreadPool(Math.max(1, Math.min(2, threads)), r -> {
            Thread t = new Thread(r, "studio-quick-" + q.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Maximum number of jobs running at once. */
    public int threads() { return threads; }

    /** Where task log lines go (called on the FX thread). */
    public void setLog(Consumer<String> log) { this.log = log; }

    /** The tasks (FX thread only); finished ones stay until {@link #clearFinished()}. */
    public ObservableList<EngineTask<?>> tasks() { return tasks; }

    /** Submits {@code job} (given a throttled Progress) under {@code title}; call on the FX thread. */
    public <T> EngineTask<T> submit(String title, Function<Progress, T> job) {
        EngineTask<T> t = new EngineTask<>(title, job, log);
        tasks.add(t);
        pool.execute(t);
        return t;
    }

    /** Like {@link #submit} for short housekeeping jobs: the task's row disappears once it has succeeded. */
    public <T> EngineTask<T> submitTransient(String title, Function<Progress, T> job) {
        // housekeeping jobs (a frame read, a view prepared) run every second during playback or a live run: their
        // started/finished lines would drown the log, so only their other lines (failures, warnings) go through
        Consumer<String> quiet = text -> {
            StringBuilder keep = new StringBuilder();
            for (String line : text.split("\n"))
                if (!line.endsWith("] started") && !line.endsWith("] finished")) keep.append(keep.length() > 0 ? "\n" : "").append(line);
            if (keep.length() > 0) log.accept(keep.toString());
        };
        EngineTask<T> t = new EngineTask<>(title, job, quiet);
        tasks.add(t);
        quick.execute(t);
        t.stateProperty().addListener((o, a, b) -> { if (b == javafx.concurrent.Worker.State.SUCCEEDED) tasks.remove(t); });
        return t;
    }

    /** Removes finished/cancelled/failed tasks from the list. */
    public void clearFinished() { tasks.removeIf(t -> t.isDone()); }

    /** Jobs submitted but not yet started (waiting for a free worker). */
    public long queued() { return tasks.stream().filter(t -> t.getState() == javafx.concurrent.Worker.State.READY
            || t.getState() == javafx.concurrent.Worker.State.SCHEDULED).count(); }

    public void shutdown() { pool.shutdownNow(); quick.shutdownNow(); }
}
