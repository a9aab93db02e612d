package org.scalebridge.ui.task;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One row per background task: title, progress bar, status message, elapsed/remaining time and a cancel button. */
public final class TaskBar extends VBox {
    public TaskBar(TaskManager tm) {
        getStyleClass().add("task-bar");
        setId("task-bar");
        setPadding(new Insets(4));
        setSpacing(2);
        idle = new Label("No background tasks (" + tm.threads() + " worker threads)");
        idle.getStyleClass().add("dim");
        // incremental: rows are added/removed with their tasks, never rebuilt (keeps FX pulses short)
        tm.tasks().addListener((ListChangeListener<EngineTask<?>>) c -> {
            while (c.next()) {
                for (EngineTask<?> t : c.getRemoved()) getChildren().remove(rows.remove(t));
                for (EngineTask<?> t : c.getAddedSubList()) add(t);
            }
            if (tm.tasks().isEmpty()) getChildren().setAll(idle); else getChildren().remove(idle);
        });
        getChildren().add(idle);
        for (EngineTask<?> t : tm.tasks()) add(t);
    }

    private final Label idle;
    private final java.util.Map<EngineTask<?>, HBox> rows = new java.util.HashMap<>();

    private void add(EngineTask<?> t) {
        {
            Label title = new Label(t.getTitle());
            title.setMinWidth(160);
            title.getStyleClass().add("task-title");
            ProgressBar bar = new ProgressBar();
            bar.progressProperty().bind(t.progressProperty());
            bar.setPrefWidth(180);
            Label msg = new Label();
            msg.textProperty().bind(t.messageProperty());
            msg.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(msg, Priority.ALWAYS);
            Label time = new Label();
            time.textProperty().bind(t.timingProperty());
            time.setMinWidth(190);
            Button cancel = new Button("Cancel");
            cancel.disableProperty().bind(t.runningProperty().not().and(t.stateProperty().isNotEqualTo(javafx.concurrent.Worker.State.SCHEDULED)));
            cancel.setOnAction(e -> t.cancel());
            HBox row = new HBox(8, title, bar, msg, new Region(), time, cancel);
            row.setAlignment(Pos.CENTER_LEFT);
            rows.put(t, row);
            getChildren().add(row);
        }
    }
}
