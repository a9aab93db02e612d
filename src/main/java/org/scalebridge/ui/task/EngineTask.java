package org.scalebridge.ui.task;

import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.scalebridge.core.Progress;

/**
 * Adapts the engine's UI-free {@link Progress} to a {@link javafx.concurrent.Task}: the engine calls
 * {@code update/log} from its own thread as often as it likes; the FX properties are refreshed at most every
 * {@link #MIN_INTERVAL_NS} (≤ 60 Hz) and log lines are batched, so a fast engine loop cannot flood the FX thread.
 * Cancelling the task turns {@link Progress#isCancelled()} true; engine loops stop cleanly (writing a checkpoint).
 */
public final class EngineTask<T> extends Task<T> {
    /** 1/60 s: the UI refresh limit. */
    public static final long MIN_INTERVAL_NS = 16_666_667L;
    private final Function<Progress, T> job;
    private final Consumer<String> log;
    private final String title;
    private final ReadOnlyStringWrapper timing = new ReadOnlyStringWrapper("queued");
    private volatile long startNs, lastNs;
    private final StringBuilder pendingLog = new StringBuilder();
    private volatile long done, total;

    EngineTask(String title, Function<Progress, T> job, Consumer<String> log) {
        this.title = title;
        this.job = job;
        this.log = log;
        updateTitle(title);
    }

    /** "elapsed 0:12 · remaining 0:30" (FX thread property). */
    public ReadOnlyStringProperty timingProperty() { return timing.getReadOnlyProperty(); }

    @Override
    protected T call() {
        startNs = System.nanoTime();
        updateMessage("running");
        Progress p = new Progress() {
            @Override public void update(long d, long t, String message) {
                done = d; total = t;
                long now = System.nanoTime();
                if (now - lastNs < MIN_INTERVAL_NS && d != t) return;
                lastNs = now;
                updateProgress(t > 0 ? d : -1, t > 0 ? t : 1);
                if (message != null) updateMessage(message);
                refreshTiming(now);
            }
            @Override public boolean isCancelled() { return EngineTask.this.isCancelled(); }
            @Override public void log(String line) {
                boolean schedule;
                synchronized (pendingLog) {
                    schedule = pendingLog.length() == 0;
                    pendingLog.append('[').append(title).append("] ").append(line).append('\n');
                }
                if (schedule) Platform.runLater(EngineTask.this::flushLog);
            }
        };
        p.log("started");
        T r = job.apply(p);
        refreshTiming(System.nanoTime());
        p.log(isCancelled() ? "stopped" : "finished");
        return r;
    }

    private void flushLog() {
        String s;
        synchronized (pendingLog) {
            s = pendingLog.toString();
            pendingLog.setLength(0);
        }
        if (!s.isEmpty()) log.accept(s.substring(0, s.length() - 1));
    }

    private void refreshTiming(long now) {
        double el = (now - startNs) * 1e-9;
        String rem = "";
        long d = done, t = total;
        if (t > 0 && d > 0 && d < t) rem = " · remaining " + fmt(el * (t - d) / d);
        String text = "elapsed " + fmt(el) + rem;
        Platform.runLater(() -> timing.set(text));
    }

    static String fmt(double s) {
        long x = Math.round(s);
        return x >= 3600 ? String.format("%d:%02d:%02d", x / 3600, x / 60 % 60, x % 60) : String.format("%d:%02d", x / 60, x % 60);
    }

    @Override protected void failed() {
        Throwable e = getException();
        log.accept("[" + title + "] failed: " + (e == null ? "?" : e.getMessage()));
        updateMessage("failed: " + (e == null ? "?" : e.getMessage()));
    }

    @Override protected void succeeded() { updateMessage("done"); updateProgress(1, 1); }

    @Override protected void cancelled() { updateMessage("stopped"); }
}
