package org.scalebridge.ui;

import java.util.function.Consumer;
import org.scalebridge.ui.project.Project;
import org.scalebridge.ui.task.TaskManager;

/** What a pane gets from the main window: the open project, the background executor and the log. */
public interface StudioContext {
    Project project();
    TaskManager tasks();
    Consumer<String> log();
}
