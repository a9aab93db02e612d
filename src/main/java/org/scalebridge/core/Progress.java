package org.scalebridge.core;

/**
 * The engine's UI-free progress channel. Long computations call it; the studio adapts it to a
 * javafx.concurrent.Task (throttled to ≤ 60 Hz), the CLI prints it. Implementations must be cheap and thread-safe.
 */
public interface Progress {
    /** Work done out of total (total ≤ 0 for unknown), with a short status message (may be null). */
    void update(long done, long total, String message);

    /** Cooperative cancellation: long loops poll this and stop cleanly (saving state) when it turns true. */
    default boolean isCancelled() { return false; }

    /** A log line for the run's log panel. */
    default void log(String line) {}

    /** Discards everything. */
    Progress NONE = (d, t, m) -> {};
}
