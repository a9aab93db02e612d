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
import javafx.scene.chart.ScatterChart;
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
import javafx.scene.layout.Region;
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
 * Run control for a GCMC, hybrid GCMC–MD, MD run or a biased μ(N) scan: a form validated live (ControlsFX decorations
 * and a message next to each field; μ or voltage vs Na/Na⁺, bias φ and the N_t list), saved as the TOML the CLI runs;
 * Start / Pause / Continue / Stop / Resume (from the run's last checkpoint, also after a crash); live traces of
 * energy, volume, Na count, temperature, pressure and acceptance, min/max-decimated and redrawn at most 10 times a
 * second; the run's own log (also written to run.log in its output folder). Runs go to the shared
 * {@link TaskManager}, whose pool limits how many run at once (the rest wait in its queue, shown as "queued").
 */
public final class RunPane extends SplitPane {
    private final Path file;
    private final TaskManager tm;
    private final Consumer<Structure> live;
    private final ValidationSupport vs = new ValidationSupport();
    private final GridPane form = new GridPane();
    private final List<Runnable> readers = new ArrayList<>();
    private final Label message = new Label();
    private final Button start = new Button("Start"), stop = new Button("Stop"), resume = new Button("Resume from checkpoint"),
            save = new Button("Save"), pause = new Button("Pause");
    private final RunJob.PauseGate gate = new RunJob.PauseGate();
    private final javafx.scene.control.TextArea runLog = new javafx.scene.control.TextArea();
    private final java.util.concurrent.ConcurrentLinkedQueue<String> pendingLog = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.Map<String, Control> fields = new java.util.HashMap<>();
    private final TraceBuffer trace = new TraceBuffer();
    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
    private final List<LineChart<Number, Number>> charts = new ArrayList<>();
    private final GridPane chartGrid = new GridPane();
    // μ-scan view: N, energy and volume of every target live, and μ(⟨N⟩) as the targets finish
    private final GridPane scanGrid = new GridPane();
    /** The μ-scan view: the four charts above the summary (a VBox gives the wrapped summary its full height). */
    private final VBox scanView = new VBox(scanGrid);
    private final List<LineChart<Number, Number>> scanCharts = new ArrayList<>();
    private final ScatterChart<Number, Number> muChart = new ScatterChart<>(new NumberAxis(), new NumberAxis());
    private final XYChart.Series<Number, Number> muPoints = new XYChart.Series<>();
    private final Label scanSummary = new Label();
    private volatile ScanTraces scan;
    private long shownScanVersion = -1;
    private final boolean[] scanStale = new boolean[4];
    private int nextScanChart;
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
        choice("Kind", "kind", List.of("gcmc", "gcmc-md", "md", "mu-scan"), spec.kind, v -> { spec.kind = v; refreshFields(); });
        text("Structure", "structure", spec.structureFile, s -> !s.isBlank() && Files.isRegularFile(runFile.toAbsolutePath().getParent().resolve(s)),
                "file not found (path relative to the run file)", v -> spec.structureFile = v);
        choice("Potential", "potential", List.of("mnfepba-surrogate", "lj"), spec.potential, v -> spec.potential = v);
        choice("Ensemble (MD)", "ensemble", List.of("npt", "nvt", "langevin"), spec.ensemble, v -> spec.ensemble = v);
        number("Temperature (K)", "temperature", spec.temperature, 1e-3, 1e5, v -> spec.temperature = v);
        number("Pressure (bar)", "pressure", spec.pressureBar, -1e6, 1e6, v -> spec.pressureBar = v);
        choice("Chemical potential", "mu-mode", List.of("mu", "voltage"), spec.muMode, v -> { spec.muMode = v; refreshFields(); });
        number("μ(Na) (eV)", "mu", spec.mu, -50, 50, v -> spec.mu = v);
        number("Voltage vs Na/Na⁺ (V)", "voltage", spec.voltage, -10, 10, v -> spec.voltage = v);
        number("Na ref. energy (eV/atom)", "reference", spec.referenceEnergy, -50, 50, v -> spec.referenceEnergy = v);
        number("Time step (fs)", "timestep", spec.timestepFs, 1e-3, 10, v -> spec.timestepFs = v);
        integer("MD steps / cycle", "md-steps", spec.mdSteps, 0, 1_000_000, v -> spec.mdSteps = (int) v);
        integer("Exchanges / cycle", "exchanges", spec.exchanges, 0, 1_000_000, v -> spec.exchanges = (int) v);
        integer("Translations / cycle", "translations", spec.translations, 0, 1_000_000, v -> spec.translations = (int) v);
        integer("Cycles", "cycles", spec.cycles, 1, (long) Integer.MAX_VALUE, v -> spec.cycles = (int) v);
        integer("Equilibration cycles", "equilibration", spec.equilibrationCycles, 0, (long) Integer.MAX_VALUE, v -> spec.equilibrationCycles = (int) v);
        integer("Checkpoint every (cycles)", "checkpoint", spec.checkpointEvery, 0, (long) Integer.MAX_VALUE, v -> spec.checkpointEvery = (int) v);
        number("Overlap cutoff (Å)", "overlap", spec.overlap, 0, 10, v -> spec.overlap = v);
        integer("Seed", "seed", spec.seed, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, v -> spec.seed = v);
        text("Output folder", "output", spec.outputDir, s -> !s.isBlank(), "give an output folder", v -> spec.outputDir = v);
        section("Bias (μ-scan)");
        number("Bias φ (eV)", "phi", spec.phi, 1e-8, 10, v -> spec.phi = v);
        text("Targets N_t", "targets", spec.targets, s -> { try { RunSpec.parseTargets(s); return true; } catch (RuntimeException e) { return false; } },
                "a list (10, 20, 30) or from:to:step of N ≥ 0", v -> spec.targets = v);
        integer("Chunk cycles", "chunk", spec.scanChunkCycles, 1, Integer.MAX_VALUE, v -> spec.scanChunkCycles = (int) v);
        integer("Max cycles per target", "max-cycles", spec.scanMaxCycles, 1, Integer.MAX_VALUE, v -> spec.scanMaxCycles = (int) v);
        integer("Parallel targets", "scan-threads", spec.scanThreads, 1, 256, v -> spec.scanThreads = (int) v);
        section("Studio");
        number("Viewer refresh (s)", "refresh", spec.viewerRefreshS, 0.05, 3600, v -> spec.viewerRefreshS = v);
        start.setId("run-start");
        stop.setId("run-stop");
        resume.setId("run-resume");
        save.setId("run-save");
        start.setDefaultButton(true);
        pause.setId("run-pause");
        pause.setOnAction(e -> { if (gate.isPaused()) resumePaused(); else pause(); });
        start.setOnAction(e -> start(false));
        resume.setOnAction(e -> start(true));
        stop.setOnAction(e -> stop());
        save.setOnAction(e -> save());
        HBox buttons = new HBox(8, start, pause, stop, resume, save);
        buttons.setAlignment(Pos.CENTER_LEFT);
        form.add(buttons, 0, row++, 3, 1);
        message.setId("run-message");
        message.setWrapText(true);
        message.setMaxWidth(420);
        form.add(message, 0, row++, 3, 1);
        ScrollPane left = new ScrollPane(form);
        left.setFitToWidth(true);
        left.setMinWidth(380);
        chartGrid.setId("trace-charts");
        for (int k = 0; k < TraceBuffer.NAMES.length; k++) {
            LineChart<Number, Number> c = traceChart(TraceBuffer.NAMES[k], false);
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            c.getData().add(s);
            series.add(s);
            charts.add(c);
            GridPane.setHgrow(c, Priority.ALWAYS);
            GridPane.setVgrow(c, Priority.ALWAYS);
            chartGrid.add(c, k % 2, k / 2);
        }
        runLog.setId("run-log");
        runLog.setEditable(false);
        runLog.setPrefRowCount(5);
        runLog.setPromptText("This run's log");
        buildScanView();
        javafx.scene.layout.StackPane chartStack = new javafx.scene.layout.StackPane(chartGrid, scanView);
        VBox right = new VBox(chartStack, runLog);
        VBox.setVgrow(chartStack, Priority.ALWAYS);
        getItems().addAll(left, right);
        setDividerPositions(0.36);
        vs.validationResultProperty().addListener((o, a, b) -> refreshButtons());
        timer = new AnimationTimer() {
            @Override public void handle(long now) {
                if (now - lastChartNs < 100_000_000L) return;   // ≤ 10 Hz (well under the 60 Hz limit)
                lastChartNs = now;
                drainLog();
                long v = trace.version();
                if (v != shownVersion) { shownVersion = v; java.util.Arrays.fill(stale, true); }
                ScanTraces sc = scan;
                if (sc != null && sc.version() != shownScanVersion) { shownScanVersion = sc.version(); java.util.Arrays.fill(scanStale, true); }
                // charts of a hidden run tab stay stale (their axes and paths are laid out when the tab is shown)
                if (!showing()) return;
                if (scanView.isVisible()) redrawScan(); else redrawCharts();
            }
        };
        timer.start();
        refreshFields();
        refreshButtons();
    }

    /** Visible in a showing window (a TabPane hides the content of unselected tabs). */
    private boolean showing() {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) return false;
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) if (!n.isVisible()) return false;
        return true;
    }

    private void section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("form-section");
        form.add(l, 0, row++, 3, 1);
    }

    /** Enables the fields that matter for the kind and the μ mode (disabled ones keep their values). */
    private void refreshFields() {
        boolean scan = "mu-scan".equals(spec.kind), volt = "voltage".equals(spec.muMode);
        for (String id : List.of("phi", "targets", "chunk", "max-cycles", "scan-threads")) dis(id, !scan);
        dis("mu", volt);
        chartGrid.setVisible(!scan);
        chartGrid.setManaged(!scan);
        scanView.setVisible(scan);
        scanView.setManaged(scan);
        dis("voltage", !volt);
        dis("reference", !volt);
        boolean md = !"gcmc".equals(spec.kind);
        for (String id : List.of("ensemble", "timestep", "md-steps", "pressure")) dis(id, !md);
        dis("exchanges", "md".equals(spec.kind));
        dis("translations", "md".equals(spec.kind));
    }

    private void dis(String id, boolean d) { Control c = fields.get(id); if (c != null) c.setDisable(d); }

    private void addRow(String label, Control field, String id) {
        field.setId("field-" + id);
        fields.put(id, field);
        Label hint = new Label();
        hint.setId("hint-" + id);
        hint.getStyleClass().add("field-hint");
        Label name = new Label(label);
        name.setMinWidth(Region.USE_PREF_SIZE);   // labels are never cut ("Na ref. energy (eV/atom)")
        form.add(name, 0, row);
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
        pause.setDisable(!running || "mu-scan".equals(spec.kind));
        pause.setText(gate.isPaused() ? "Continue" : "Pause");
        resume.setDisable(running || !ok || !Files.exists(outputDir().resolve(McRunner.CHECKPOINT)));
        save.setDisable(!ok);
    }

    private Path outputDir() { return file.toAbsolutePath().getParent().resolve(spec.outputDir); }

    /** Writes the TOML (atomically) and checks it with the engine's own reader; returns the config or null. */
    public McConfig save() {
        if (!formValid()) { message.setText("Fix the marked fields first."); return null; }
        AtomicFiles.writeString(file, spec.toToml());
        try {
            McConfig c = readConfig();
            message.setText("Saved " + file.getFileName() + " (run it from a shell with: scalebridge gcmc " + file.getFileName() + ")");
            return c;
        } catch (RuntimeException e) {
            message.setText("Saved, but the engine rejects it: " + e.getMessage());
            return null;
        }
    }

    /** The saved run file as the engine reads it (the CLI's reader), with the output folder resolved. */
    private McConfig readConfig() {
        McConfig c = McConfig.read(file);
        // the output folder is relative to the run file (the CLI resolves it against its working directory,
        // which is the same when it is started in the run file's folder)
        return c.outputDir.isAbsolute() ? c : c.withOutputDir(outputDir());
    }

    /**
     * Starts (or resumes) the run on the background executor; it waits in the queue while all workers are busy. The
     * run file is written here; the engine's reader checks it on the worker (its TOML parser is not FX-thread work).
     */
    public void start(boolean fromCheckpoint) {
        if (!formValid()) { message.setText("Fix the marked fields first."); return; }
        AtomicFiles.writeString(file, spec.toToml());
        running = true;
        gate.resume();
        refreshButtons();
        String name = file.getFileName().toString().replaceFirst("\\.toml$", "");
        boolean scan = "mu-scan".equals(spec.kind);
        ScanTraces scanTraces = scan ? startScanView(RunSpec.parseTargets(spec.targets)) : null;
        double refresh = spec.viewerRefreshS;
        Path logFile = outputDir().resolve("run.log");
        org.scalebridge.core.Progress[] wrapped = new org.scalebridge.core.Progress[1];
        task = tm.submit((fromCheckpoint ? "resume " : scan ? "μ-scan " : "run ") + name, p -> {
            org.scalebridge.core.Progress own = new org.scalebridge.core.Progress() {
                @Override public void update(long done, long total, String msg) { p.update(done, total, msg); }
                @Override public boolean isCancelled() { return p.isCancelled(); }
                @Override public void log(String line) { p.log(line); runLogLine(line, logFile); }
            };
            wrapped[0] = own;
            own.log((fromCheckpoint ? "resuming " : "starting ") + file.getFileName() + " (" + spec.kind + ")");
            try {
                McConfig cfg = readConfig();
                if (scan) {
                    var r = McRunner.runMuScan(cfg, own, scanTraces);
                    own.log("μ(N) written to " + outputDir().resolve(McRunner.MU_CSV));
                    return (long) r.path("runs").size();
                }
                return RunJob.run(cfg, fromCheckpoint, own, trace, live, refresh, gate);
            } catch (RuntimeException e) {
                own.log("failed: " + e.getMessage());
                throw e;
            } finally {
                Platform.runLater(() -> { running = false; gate.resume(); refreshButtons(); });
            }
        });
        task.setOnFailed(e -> message.setText("Run failed: " + task.getException().getMessage()));
        task.setOnSucceeded(e -> message.setText(scan
                ? String.format(Locale.ROOT, "μ-scan finished: %d targets; μ(N) in %s", task.getValue(), outputDir().resolve(McRunner.MU_CSV))
                : String.format(Locale.ROOT, "Finished at cycle %d; results in %s", task.getValue(), outputDir())));
        task.setOnCancelled(e -> message.setText("Stopped; Resume from checkpoint continues the run."));
        message.setText(tm.queued() > 0 ? "Queued: waiting for a free worker…" : fromCheckpoint ? "Resuming from the last checkpoint…" : "Running…");
        task.stateProperty().addListener((o, a, b) -> { if (b == javafx.concurrent.Worker.State.RUNNING) message.setText(fromCheckpoint ? "Resuming from the last checkpoint…" : "Running…"); });
    }

    private void runLogLine(String line, Path logFile) {
        String stamped = java.time.LocalTime.now().withNano(0) + "  " + line;
        pendingLog.add(stamped);
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, stamped + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException ignored) {
            // the log panel still has the line; a read-only output folder fails the run itself soon enough
        }
    }

    private void drainLog() {
        StringBuilder b = new StringBuilder();
        String l;
        while ((l = pendingLog.poll()) != null) b.append(runLog.getLength() + b.length() > 0 ? "\n" : "").append(l);
        if (b.length() > 0) runLog.appendText(b.toString());
    }

    /** Pauses the run between cycles (the worker waits; no CPU is used). */
    public void pause() {
        if (!running) return;
        gate.pause();
        message.setText("Paused; Continue resumes the run where it stopped.");
        refreshButtons();
    }

    /** Continues a paused run. */
    public void resumePaused() {
        gate.resume();
        message.setText("Running…");
        refreshButtons();
    }

    public boolean isPaused() { return gate.isPaused(); }

    /** The cycle at which the paused run thread is waiting (-1 while running). */
    public long pausedAtCycle() { return gate.waitingAt(); }

    /** Live frames file of this run (appended while it runs). */
    public Path framesFile() { return outputDir().resolve(RunJob.FRAMES); }

    /** The run's own log (as shown under its charts). */
    public String runLogText() { drainLog(); return runLog.getText(); }

    /** Asks the run to stop at the end of the current cycle (it writes its checkpoint). */
    public void stop() {
        if (task != null) task.cancel(false);
        gate.resume();
        message.setText("Stopping after the current cycle; Resume continues from the checkpoint.");
    }

    public boolean isRunning() { return running; }
    public TraceBuffer trace() { return trace; }
    public RunSpec spec() { return spec; }
    public Path file() { return file; }
    public int redraws() { return redraws; }
    public List<LineChart<Number, Number>> charts() { return charts; }

    /**
     * Redraws at most {@value #CHARTS_PER_TICK} stale charts per tick (round robin): a new sample touches all six
     * charts, and re-laying out six axes in one pulse is what would block the FX thread on a busy machine.
     */
    private void redrawCharts() {
        int done = 0, start = nextChart;
        for (int q = 0; q < series.size() && done < CHARTS_PER_TICK; q++) {
            int k = (start + q) % series.size();
            if (!stale[k]) continue;
            stale[k] = false;
            done++;
            nextChart = (k + 1) % series.size();
            double[][] d = trace.decimated(k, 400);
            List<XYChart.Data<Number, Number>> pts = new ArrayList<>(d[0].length);
            for (int i = 0; i < d[0].length; i++) if (Double.isFinite(d[1][i])) pts.add(new XYChart.Data<>(d[0][i], d[1][i]));
            series.get(k).getData().setAll(pts);
            padConstant((NumberAxis) charts.get(k).getYAxis(), pts);
        }
        if (done > 0) redraws++;
    }

    private static final int CHARTS_PER_TICK = 1;

    /**
     * A constant trace (N = 0 before the first insertion, acceptance 0, volume at constant volume) would collapse the
     * auto-ranged axis to a single "0.0" tick; give it a symmetric range around the value instead.
     */
    private static void padConstant(NumberAxis ya, List<XYChart.Data<Number, Number>> pts) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (var d : pts) { double y = d.getYValue().doubleValue(); lo = Math.min(lo, y); hi = Math.max(hi, y); }
        boolean flat = !pts.isEmpty() && hi - lo <= 1e-9 * Math.max(1, Math.abs(hi));
        if (!flat) { ya.setAutoRanging(true); return; }
        // a round tick unit of about 0.5 % of the value (1 for counts near zero) and bounds on whole ticks, so the
        // labels read 437,000 / 438,000 rather than 437,601.164
        double tick = niceStep(lo == 0 ? 0.5 : Math.abs(lo) * 0.005);
        ya.setAutoRanging(false);
        ya.setLowerBound(Math.floor(lo / tick) * tick - 2 * tick);
        ya.setUpperBound(Math.ceil(hi / tick) * tick + 2 * tick);
        ya.setTickUnit(tick);
    }

    /** The 1-2-5 step nearest above {@code x} (x > 0). */
    static double niceStep(double x) {
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        double m = x / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    private static final String[] SCAN_TITLES = {"Energy (eV)", "Volume (Å³)", "Na count N"};

    /** An empty live-trace chart over the cycle axis: no symbols, no animation, auto-ranged away from zero. */
    private static LineChart<Number, Number> traceChart(String title, boolean legend) {
        NumberAxis xa = new NumberAxis(), ya = new NumberAxis();
        xa.setLabel("cycle");
        xa.setForceZeroInRange(false);
        ya.setForceZeroInRange(false);
        xa.setAnimated(false);
        ya.setAnimated(false);
        LineChart<Number, Number> c = new LineChart<>(xa, ya);
        c.setTitle(title);
        c.setCreateSymbols(false);
        c.setAnimated(false);
        c.setLegendVisible(legend);
        c.setMinSize(150, 120);
        return c;
    }

    private void buildScanView() {
        scanView.setId("scan-charts");
        for (int q = 0; q < SCAN_TITLES.length; q++) {
            LineChart<Number, Number> c = traceChart(SCAN_TITLES[q] + " per target", q == ScanTraces.N);
            scanCharts.add(c);
        }
        NumberAxis nx = (NumberAxis) muChart.getXAxis(), my = (NumberAxis) muChart.getYAxis();
        nx.setLabel("<N> (mean Na count)");
        my.setLabel("μ (eV)");
        nx.setForceZeroInRange(false);
        my.setForceZeroInRange(false);
        nx.setAnimated(false);
        my.setAnimated(false);
        muChart.setTitle("μ(<N>) of finished targets (Eq. 17)");
        muChart.setAnimated(false);
        muChart.setLegendVisible(false);
        muChart.setMinSize(150, 120);
        muChart.setId("mu-chart");
        muChart.getData().add(muPoints);
        scanSummary.setId("scan-summary");
        scanSummary.setWrapText(true);
        scanSummary.setMaxWidth(Double.MAX_VALUE);
        scanSummary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        scanSummary.getStyleClass().add("field-hint");
        scanSummary.setPadding(new Insets(2, 8, 2, 8));
        List<javafx.scene.Node> cells = List.of(scanCharts.get(ScanTraces.N), muChart, scanCharts.get(ScanTraces.ENERGY),
                scanCharts.get(ScanTraces.VOLUME));
        for (int q = 0; q < cells.size(); q++) {
            GridPane.setHgrow(cells.get(q), Priority.ALWAYS);
            GridPane.setVgrow(cells.get(q), Priority.ALWAYS);
            scanGrid.add(cells.get(q), q % 2, q / 2);
        }
        VBox.setVgrow(scanGrid, Priority.ALWAYS);
        scanView.getChildren().add(scanSummary);
    }

    /** FX thread: a fresh live view for a scan over these targets (one series per target in each trace chart). */
    private ScanTraces startScanView(double[] targets) {
        ScanTraces sc = new ScanTraces(targets);
        for (LineChart<Number, Number> c : scanCharts) {
            c.getData().clear();
            for (int k = 0; k < targets.length; k++) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName("N_t = " + fmt(targets[k]));
                c.getData().add(s);
            }
        }
        muPoints.getData().clear();
        scanSummary.setText(String.format(Locale.ROOT, "μ-scan over %d targets: waiting for the first cycles…", targets.length));
        scan = sc;
        return sc;
    }

    /** One stale scan chart per tick (round robin), min/max-decimated like the run traces. */
    private void redrawScan() {
        ScanTraces sc = scan;
        if (sc == null) return;
        for (int q = 0; q < scanStale.length; q++) {
            int c = (nextScanChart + q) % scanStale.length;
            if (!scanStale[c]) continue;
            scanStale[c] = false;
            nextScanChart = (c + 1) % scanStale.length;
            if (c < 3) {
                int buckets = Math.max(50, 400 / Math.max(1, sc.size()));
                var data = scanCharts.get(c).getData();
                for (int k = 0; k < sc.size() && k < data.size(); k++) {
                    double[][] d = sc.trace(k).decimated(c, buckets);
                    List<XYChart.Data<Number, Number>> pts = new ArrayList<>(d[0].length);
                    for (int i = 0; i < d[0].length; i++) if (Double.isFinite(d[1][i])) pts.add(new XYChart.Data<>(d[0][i], d[1][i]));
                    data.get(k).getData().setAll(pts);
                }
                List<XYChart.Data<Number, Number>> all = new ArrayList<>();
                for (var ser : data) all.addAll(ser.getData());
                padConstant((NumberAxis) scanCharts.get(c).getYAxis(), all);
            } else {
                List<XYChart.Data<Number, Number>> pts = new ArrayList<>();
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "μ(N): %d of %d targets finished", sc.completed(), sc.size()));
                for (int k = 0; k < sc.size(); k++) {
                    double[] p = sc.point(k);
                    if (p == null) continue;
                    XYChart.Data<Number, Number> d = new XYChart.Data<>(p[0], p[2]);
                    pts.add(d);
                    b.append(String.format(Locale.ROOT, "   ·   N_t %s: <N> = %.2f ± %.2f, μ = %.4f ± %.4f eV", fmt(sc.target(k)), p[0], p[1], p[2], p[3]));
                }
                muPoints.getData().setAll(pts);
                scanSummary.setText(b.toString());
            }
            redraws++;
            return;
        }
    }

    /** The live μ-scan data of the current (or last) scan, or null. */
    public ScanTraces scanTraces() { return scan; }

    /** The μ-scan charts: N, energy and volume per target (one series per target) and μ(⟨N⟩). */
    public List<XYChart<Number, Number>> scanCharts() {
        List<XYChart<Number, Number>> out = new ArrayList<>(scanCharts);
        out.add(muChart);
        return out;
    }
    private final boolean[] stale = new boolean[TraceBuffer.NAMES.length];
    private int nextChart;

    /** Stops the chart timer (when the tab closes). */
    public void dispose() { timer.stop(); }
}
