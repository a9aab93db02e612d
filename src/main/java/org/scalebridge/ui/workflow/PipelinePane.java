package org.scalebridge.ui.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.scalebridge.core.Progress;
import org.scalebridge.workflow.Pipeline;
import org.scalebridge.workflow.PipelineConfig;
import org.scalebridge.workflow.StageRecord;

/**
 * The pipeline in the studio: the same stages as {@code scalebridge pipeline run}, each with its state (up to date /
 * to run, from the content hashes), its last wall time and the summary of its numbers; "Run" runs the stages that are
 * not up to date on the studio's background executor (progress and log in the task bar), "Refresh" re-reads the
 * project. The engine work is {@link Pipeline#run}; this pane only shows it.
 */
public final class PipelinePane extends BorderPane {
    /** One row of the table. */
    public record Row(String stage, String state, String seconds, String summary) {}

    private final Path config;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final TableView<Row> table = new TableView<>(rows);
    private final TextArea detail = new TextArea();
    private final CheckBox quick = new CheckBox("quick variant");
    private final Label status = new Label();

    /**
     * @param submit runs a job in the background with a Progress (the studio's TaskManager.submit)
     */
    public PipelinePane(Path config, Function<Function<Progress, Object>, Object> submit, Consumer<String> log) {
        this.config = config;
        table.getColumns().add(col("Stage", Row::stage, 170));
        table.getColumns().add(col("State", Row::state, 90));
        table.getColumns().add(col("Seconds", Row::seconds, 80));
        table.getColumns().add(col("Summary", Row::summary, 600));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> detail.setText(b == null ? "" : b.summary()));
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPrefRowCount(6);
        Button run = new Button("Run");
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> refresh());
        run.setOnAction(e -> {
            run.setDisable(true);
            boolean q = quick.isSelected();
            submit.apply(pr -> {
                try {
                    new Pipeline(PipelineConfig.read(config, q)).run(pr);
                    return null;
                } finally {
                    javafx.application.Platform.runLater(() -> { run.setDisable(false); refresh(); });
                }
            });
            if (log != null) log.accept("pipeline " + config + (q ? " (quick)" : "") + " started");
        });
        quick.setOnAction(e -> refresh());
        HBox bar = new HBox(8, new Label(config.getFileName().toString()), quick, run, refresh, status);
        bar.setPadding(new Insets(6));
        setTop(bar);
        setCenter(table);
        setBottom(new VBox(detail));
        refresh();
    }

    private static TableColumn<Row, String> col(String title, Function<Row, String> f, double width) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** Re-reads the stage records of the project. */
    public void refresh() {
        rows.setAll();
        try {
            PipelineConfig pc = PipelineConfig.read(config, quick.isSelected());
            Pipeline p = new Pipeline(pc);
            for (Pipeline.Stage s : Pipeline.Stage.values()) {
                Path d = p.dir(s);
                var rec = StageRecord.read(d);
                String state = rec == null ? (Files.isDirectory(d) ? "interrupted" : "to run")
                        : p.upToDate(s) ? "up to date" : "inputs changed";
                rows.add(new Row(s.folder, state, rec == null ? "" : String.format(Locale.ROOT, "%.1f", rec.path("seconds").asDouble()),
                        rec == null ? "" : rec.path("summary").toString()));
            }
            status.setText("project " + pc.project);
        } catch (RuntimeException e) {
            status.setText("cannot read " + config + ": " + e.getMessage());
        }
    }

    /** Rows as shown (for tests). */
    public ObservableList<Row> rows() { return rows; }
}
