package org.scalebridge.ui.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.mc.McConfig;
import org.scalebridge.mc.McRunner;
import org.scalebridge.structure.Structure;
import org.scalebridge.ui.task.EngineTask;
import org.scalebridge.ui.task.TaskManager;

/**
 * Run control for a GCMC, hybrid GCMC–MD or MD run: a form validated live (ControlsFX decorations and a message next
 * to each field), saved as the TOML the CLI runs; Start / Stop / Resume (from the run's checkpoint); live traces of
 * energy, volume, Na count, temperature, pressure and acceptance, min/max-decimated and redrawn at most 10 times a
 * second. Runs go to the shared {@link TaskManager}, whose pool limits how many run at once (the rest queue).
 */
public final class RunPane extends SplitPane {
    private final Path file;
    private final TaskManager tm;
    private final Consumer<Structure> live;
    private final ValidationSupport vs = new ValidationSupport();
    private final GridPane form = new GridPane();
    private final List<Runnable> readers = new ArrayList<>();
    private final Label message = new Label();
    private final Button start = new Button("Start"), stop = new Button("Stop"), resume = new Button("Resume"), save = new Button("Save");
    private final TraceBuffer trace = new TraceBuffer();
    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
    private final List<LineChart<Number, Number>> charts = new ArrayList<>();
    private final RunSpec spec;
    private EngineTask<Long> task;
    private volatile boolean running;
    private long shownVersion = -1, lastChartNs;
    private int row;
    private final AnimationTimer timer;
    /** Number of chart refreshes (for tests). */
    private int redraws;

    public RunPane(Path runFile, RunSpec spec, TaskManager tm, Consumer<Structure> liveStructure) {
        this.file = runFile;
        this.spec = spec;
        this.tm = tm;
        this.live = liveStructure;
        setId("run-pane");
        form.setHgap(8);
        form.setVgap(6);
        form.setPadding(new Insets(10));
        Label head = new Label("Run: " + runFile.getFileName());
        head.getStyleClass().add("pane-title");
        form.add(head, 0, row++, 3, 1);
        choice("Kind", "kind", List.of("gcmc", "gcmc-md", "md"), spec.kind, v -> spec.kind = v);
        text("Structure", "structure", spec.structureFile, s -> !s.isBlank() && Files.isRegularFile(runFile.toAbsolutePath().getParent().resolve(s)),
                "file not found (path relative to the run file)", v -> spec.structureFile = v);
        choice("Potential", "potential", List.of("mnfepba-surrogate", "lj"), spec.potential, v -> spec.potential = v);
        choice("Ensemble (MD)", "ensemble", List.of("npt", "nvt", "langevin"), spec.ensemble, v -> spec.ensemble = v);
        number("Temperature (K)", "temperature", spec.temperature, 1e-3, 1e5, v -> spec.temperature = v);
        number("Pressure (bar)", "pressure", spec.pressureBar, -1e6, 1e6, v -> spec.pressureBar = v);
        choice("Chemical potential", "mu-mode", List.of("mu", "voltage"), spec.muMode, v -> spec.muMode = v);
        number("μ(Na) (eV)", "mu", spec.mu, -50, 50, v -> spec.mu = v);
        number("Voltage vs Na/Na⁺ (V)", "voltage", spec.voltage, -10, 10, v -> spec.voltage = v);
        number("Na reference energy (eV/atom)", "reference", spec.referenceEnergy, -50, 50, v -> spec.referenceEnergy = v);
        number("Time step (fs)", "timestep", spec.timestepFs, 1e-3, 10, v -> spec.timestepFs = v);
        integer("MD steps / cycle", "md-steps", spec.mdSteps, 0, 1_000_000, v -> spec.mdSteps = (int) v);
        integer("Exchange attempts / cycle", "exchanges", spec.exchanges, 0, 1_000_000, v -> spec.exchanges = (int) v);
        integer("Translation attempts / cycle", "translations", spec.translations, 0, 1_000_000, v -> spec.translations = (int) v);
        integer("Cycles", "cycles", spec.cycles, 1, (long) Integer.MAX_VALUE, v -> spec.cycles = (int) v);
        integer("Equilibration cycles", "equilibration", spec.equilibrationCycles, 0, (long) Integer.MAX_VALUE, v -> spec.equilibrationCycles = (int) v);
        integer("Checkpoint every (cycles)", "checkpoint", spec.checkpointEvery, 0, (long) Integer.MAX_VALUE, v -> spec.checkpointEvery = (int) v);
        number("Overlap cutoff (Å)", "overlap", spec.overlap, 0, 10, v -> spec.overlap = v);
        integer("Seed", "seed", spec.seed, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, v -> spec.seed = v);
        text("Output folder", "output", spec.outputDir, s -> !s.isBlank(), "give an output folder", v -> spec.outputDir = v);
        start.setId("run-start");
        stop.setId("run-stop");
        resume.setId("run-resume");
        save.setId("run-save");
        start.setDefaultButton(true);
        start.setOnAction(e -> start(false));
        resume.setOnAction(e -> start(true));
        stop.setOnAction(e -> stop());
        save.setOnAction(e -> save());
        HBox buttons = new HBox(8, start, stop, resume, save);
        buttons.setAlignment(Pos.CENTER_LEFT);
        form.add(buttons, 0, row++, 3, 1);
        message.setId("run-message");
        message.setWrapText(true);
        message.setMaxWidth(420);
        form.add(message, 0, row++, 3, 1);
        ScrollPane left = new ScrollPane(form);
        left.setFitToWidth(true);
        left.setMinWidth(380);
        GridPane chartGrid = new GridPane();
        chartGrid.setId("trace-charts");
        for (int k = 0; k < TraceBuffer.NAMES.length; k++) {
            NumberAxis xa = new NumberAxis(), ya = new NumberAxis();
            xa.setLabel("cycle");
            xa.setForceZeroInRange(false);
            ya.setForceZeroInRange(false);
            xa.setAnimated(false);
            ya.setAnimated(false);
            LineChart<Number, Number> c = new LineChart<>(xa, ya);
            c.setTitle(TraceBuffer.NAMES[k]);
            c.setCreateSymbols(false);
            c.setAnimated(false);
            c.setLegendVisible(false);
            c.setMinSize(150, 120);
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            c.getData().add(s);
            series.add(s);
            charts.add(c);
            GridPane.setHgrow(c, Priority.ALWAYS);
            GridPane.setVgrow(c, Priority.ALWAYS);
            chartGrid.add(c, k % 2, k / 2);
        }
        getItems().addAll(left, chartGrid);
        setDividerPositions(0.36);
        vs.validationResultProperty().addListener((o, a, b) -> refreshButtons());
        timer = new AnimationTimer() {
            @Override public void handle(long now) {
                if (now - lastChartNs < 100_000_000L) return;   // ≤ 10 Hz (well under the 60 Hz limit)
                lastChartNs = now;
                long v = trace.version();
                if (v == shownVersion) return;
                shownVersion = v;
                redrawCharts();
            }
        };
        timer.start();
        refreshButtons();
    }

    private void addRow(String label, Control field, String id) {
        field.setId("field-" + id);
        Label hint = new Label();
        hint.setId("hint-" + id);
        hint.getStyleClass().add("field-hint");
        form.add(new Label(label), 0, row);
        form.add(field, 1, row);
        form.add(hint, 2, row);
        row++;
        vs.validationResultProperty().addListener((o, a, r) -> {
            String msg = r.getMessages().stream().filter(m -> m.getTarget() == field).map(m -> m.getText()).findFirst().orElse("");
            hint.setText(msg);
        });
    }

    private void choice(String label, String id, List<String> values, String init, Consumer<String> set) {
        ComboBox<String> c = new ComboBox<>();
        c.getItems().setAll(values);
        c.setValue(init);
        c.valueProperty().addListener((o, a, b) -> { set.accept(b); refreshButtons(); });
        addRow(label, c, id);
    }

    private void text(String label, String id, String init, Predicate<String> ok, String problem, Consumer<String> set) {
        TextField t = new TextField(init);
        t.setPrefColumnCount(16);
        vs.registerValidator(t, false, Validator.createPredicateValidator(ok, problem, Severity.ERROR));
        t.textProperty().addListener((o, a, b) -> { if (ok.test(b)) set.accept(b); });
        addRow(label, t, id);
    }

    private void number(String label, String id, double init, double lo, double hi, java.util.function.DoubleConsumer set) {
        TextField t = new TextField(Double.toString(init));
        t.setPrefColumnCount(10);
        Validator<String> v = (c, s) -> {
            String err = null;
            try {
                double d = Double.parseDouble(s.trim());
                if (!(d >= lo && d <= hi)) err = "must be in [" + fmt(lo) + ", " + fmt(hi) + "]";
                else set.accept(d);
            } catch (NumberFormatException ex) { err = "not a number"; }
            return ValidationResult.fromErrorIf(c, err == null ? "" : err, err != null);
        };
        vs.registerValidator(t, false, v);
        addRow(label, t, id);
    }

    private void integer(String label, String id, long init, long lo, long hi, java.util.function.LongConsumer set) {
        TextField t = new TextField(Long.toString(init));
        t.setPrefColumnCount(10);
        Validator<String> v = (c, s) -> {
            String err = null;
            try {
                long d = Long.parseLong(s.trim());
                if (d < lo || d > hi) err = "must be in [" + lo + ", " + hi + "]";
                else set.accept(d);
            } catch (NumberFormatException ex) { err = "not a whole number"; }
            return ValidationResult.fromErrorIf(c, err == null ? "" : err, err != null);
        };
        vs.registerValidator(t, false, v);
        addRow(label, t, id);
    }


    private static String fmt(double d) { return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d); }

    private boolean formValid() { return vs.getValidationResult() == null || vs.getValidationResult().getErrors().isEmpty(); }

    private void refreshButtons() {
        boolean ok = formValid();
        start.setDisable(running || !ok);
        stop.setDisable(!running);
        resume.setDisable(running || !ok || !Files.exists(outputDir().resolve(McRunner.CHECKPOINT)));
        save.setDisable(!ok);
    }

    private Path outputDir() { return file.toAbsolutePath().getParent().resolve(spec.outputDir); }

    /** Writes the TOML (atomically) and checks it with the engine's own reader; returns the config or null. */
    public McConfig save() {
        if (!formValid()) { message.setText("Fix the marked fields first."); return null; }
        AtomicFiles.writeString(file, spec.toToml());
        try {
            McConfig c = McConfig.read(file);
            // the output folder is relative to the run file (the CLI resolves it against its working directory,
            // which is the same when it is started in the run file's folder)
            if (!c.outputDir.isAbsolute()) c = c.withOutputDir(outputDir());
            message.setText("Saved " + file.getFileName() + " (run it from a shell with: scalebridge gcmc " + file.getFileName() + ")");
            return c;
        } catch (RuntimeException e) {
            message.setText("Saved, but the engine rejects it: " + e.getMessage());
            return null;
        }
    }

    /** Starts (or resumes) the run on the background executor. */
    public void start(boolean fromCheckpoint) {
        McConfig cfg = save();
        if (cfg == null) return;
        running = true;
        refreshButtons();
        String name = file.getFileName().toString().replaceFirst("\\.toml$", "");
        task = tm.submit((fromCheckpoint ? "resume " : "run ") + name, p -> {
            try {
                return RunJob.run(cfg, fromCheckpoint, p, trace, live);
            } finally {
                Platform.runLater(() -> { running = false; refreshButtons(); });
            }
        });
        task.setOnFailed(e -> message.setText("Run failed: " + task.getException().getMessage()));
        task.setOnSucceeded(e -> message.setText(String.format(Locale.ROOT, "Finished at cycle %d; results in %s", task.getValue(), outputDir())));
        message.setText(fromCheckpoint ? "Resuming from the last checkpoint…" : "Running…");
    }

    /** Asks the run to stop at the end of the current cycle (it writes its checkpoint). */
    public void stop() {
        if (task != null) task.cancel(false);
        message.setText("Stopping after the current cycle; Resume continues from the checkpoint.");
    }

    public boolean isRunning() { return running; }
    public TraceBuffer trace() { return trace; }
    public RunSpec spec() { return spec; }
    public Path file() { return file; }
    public int redraws() { return redraws; }
    public List<LineChart<Number, Number>> charts() { return charts; }

    private void redrawCharts() {
        redraws++;
        for (int k = 0; k < series.size(); k++) {
            double[][] d = trace.decimated(k, 400);
            List<XYChart.Data<Number, Number>> pts = new ArrayList<>(d[0].length);
            for (int i = 0; i < d[0].length; i++) if (Double.isFinite(d[1][i])) pts.add(new XYChart.Data<>(d[0][i], d[1][i]));
            series.get(k).getData().setAll(pts);
        }
    }

    /** Stops the chart timer (when the tab closes). */
    public void dispose() { timer.stop(); }
}
