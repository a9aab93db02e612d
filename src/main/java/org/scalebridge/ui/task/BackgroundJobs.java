package org.scalebridge.ui.task;

import java.util.function.Function;
import javafx.concurrent.Task;
import org.scalebridge.core.Progress;

/**
 * Where a pane sends its engine work: in the studio, the shared executor ({@code ctx.tasks()::submit}), so the job
 * queues with the others and shows in the task bar with progress and cancel; a pane used on its own (tests, embedding)
 * gets a private one-thread {@link TaskManager}. Call on the FX thread.
 */
@FunctionalInterface
public interface BackgroundJobs {
    <T> Task<T> submit(String title, Function<Progress, T> job);

    /** A private one-worker executor, for a pane used outside the studio's main window. */
    static BackgroundJobs standalone() {
        TaskManager own = new TaskManager(1);
        return own::submit;
    }
}
