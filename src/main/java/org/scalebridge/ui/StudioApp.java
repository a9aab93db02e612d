package org.scalebridge.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.scalebridge.ui.project.RecentProjects;
import org.scalebridge.ui.project.SampleProject;
import org.scalebridge.ui.task.TaskManager;

/**
 * The desktop studio: a {@link MainWindow}. A project folder (or a structure file) given on the command line is
 * opened; otherwise the most recent project, or on first start the MnFePBA sample project from {@code samples/}.
 */
public final class StudioApp extends Application {
    private MainWindow window;
    private TaskManager tasks;

    @Override
    public void start(Stage primary) {
        UiWarmup.start();   // the views' classes load in the background, not in the FX pulse that first needs them
        tasks = new TaskManager();
        window = new MainWindow(primary, tasks, new RecentProjects());
        primary.show();
        Parameters params = getParameters();   // null when embedded (tests) rather than launched
        List<String> args = params == null ? List.of() : params.getRaw();
        if (!args.isEmpty()) {
            Path p = Path.of(args.get(0));
            if (Files.isDirectory(p) || p.getFileName().toString().endsWith(".json")) window.openProject(p);
            else window.openStructure(p, p.getFileName().toString(), "file:" + p.toAbsolutePath());
            return;
        }
        List<Path> recent = new RecentProjects().list();
        Path first = recent.stream().filter(r -> Files.isDirectory(r)).findFirst().orElse(null);
        if (first == null) first = SampleProject.find();
        if (first != null) window.openProject(first);
    }

    @Override
    public void stop() {
        if (tasks != null) tasks.shutdown();
    }

    /** The main window (for embedding and tests). */
    public MainWindow window() { return window; }
}
