package org.scalebridge.ui.p2d;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.scalebridge.continuum.P2dConfig;
import org.scalebridge.continuum.P2dModel;
import org.scalebridge.continuum.P2dParameters;
import org.scalebridge.continuum.P2dResult;
import org.scalebridge.core.Progress;
import org.scalebridge.figures.FigureExport;
import org.scalebridge.figures.FigureSettings;
import org.scalebridge.figures.FigureStore;
import org.scalebridge.figures.FigureStyle;
import org.scalebridge.ui.figures.FigurePane;

/**
 * P2D pane. A validated form for the cell (electrodes, particles, kinetics, separator, electrolyte, mesh, a
 * constant-current step) on top of a P2D TOML configuration; runs on a background {@link Task} with progress and
 * cancel. Each finished run is kept (labelled by its C-rate), so two runs can be compared side by side (e.g. 0.1C
 * vs 0.5C, matched at the same charge passed). The solid concentration map c(x, r)/c_max is an animated heat map —
 * negative electrode, separator and positive electrode side by side along x (paper Fig. 9), particle centre (bottom)
 * to surface (top) along r — with a colour bar on which the positive electrode's binodal band is marked, a time
 * slider and play button, the cell voltage with a moving marker, and the c/c_max traces of nine probe regions
 * (three depths × surface/middle/centre of the cathode, as in the paper; click on the map to move the selected
 * probe). Map frames export as PNG.
 */
public class P2dPane extends BorderPane {
    /** One finished run. */
    public record Run(String label, P2dResult result) {}

    private final TextField configField = new TextField();
    private final CellForm form = new CellForm();
    private final Button run = new Button("Run"), cancel = new Button("Cancel"), play = new Button("▶ Play"),
            exportFrames = new Button("Export frames…"), load = new Button("Load…");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label(), frameLabel = new Label();
    private final Slider slider = new Slider(0, 1, 0);
    private final ComboBox<String> compare = new ComboBox<>();
    private final ComboBox<Integer> probeSlot = new ComboBox<>();
    private final Canvas map = new Canvas(760, 360);
    private final FigurePane voltageFig, probeFig;
    private final ValueMarker marker = new ValueMarker(0), probeMarker = new ValueMarker(0);
    private final Timeline timeline = new Timeline();
    private final List<Run> runs = new ArrayList<>();
    private Run primary, second;
    private Task<P2dResult> task;
    private org.scalebridge.ui.task.BackgroundJobs jobs = org.scalebridge.ui.task.BackgroundJobs.standalone();

    /** Runs go to this executor (the studio passes its own, so they show in the task bar). */
    public void setJobs(org.scalebridge.ui.task.BackgroundJobs jobs) { this.jobs = java.util.Objects.requireNonNull(jobs); }
    private Path loaded;
    /** Nine probes: {cell index, radial node} in the primary run's mesh. */
    private int[][] probes;
    private int frame;

    public P2dPane(Path config) { this(config, FigureStore.none()); }

    public P2dPane(Path config, FigureStore store) {
        configField.setText(config == null ? "" : config.toString());
        configField.setPrefColumnCount(30);
        configField.setOnAction(e -> loadConfig(Path.of(configField.getText().trim())));
        load.setOnAction(e -> chooseConfig());
        run.setId("runP2d"); play.setId("play"); slider.setId("timeSlider"); compare.setId("compareRun");
        run.setOnAction(e -> start());
        run.disableProperty().bind(form.validProperty().not());
        cancel.setOnAction(e -> { if (task != null) task.cancel(); });
        cancel.setDisable(true);
        progress.setPrefWidth(160);
        Label configLabel = new Label("configuration");
        // the status text is what gives way on a narrow window (labels and buttons keep their text)
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {configLabel, load, run, cancel, progress})
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.setMinWidth(0);
        HBox runBar = new HBox(8, configLabel, configField, load, run, cancel, progress, status);
        runBar.setAlignment(Pos.CENTER_LEFT);
        runBar.setPadding(new Insets(4, 6, 4, 6));
        TitledPane cell = new TitledPane("Cell and protocol", form);
        cell.setExpanded(true);
        setTop(new VBox(runBar, cell));

        voltageFig = new FigurePane(emptyChart("charge passed (mAh/cm²)", "cell voltage (V)"),
                FigureSettings.paper("", "charge passed (mAh/cm²)", "cell voltage (V)"), store, "p2d-voltage");
        probeFig = new FigurePane(emptyChart("charge passed (mAh/cm²)", "c/c_max"),
                FigureSettings.paper("", "charge passed (mAh/cm²)", "c/c_max"), store, "p2d-probes");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setSnapToTicks(true);
        slider.valueProperty().addListener((o, a, b) -> showFrame(b.intValue()));
        HBox.setHgrow(slider, Priority.ALWAYS);
        play.setOnAction(e -> togglePlay());
        exportFrames.setOnAction(e -> chooseFrameExport());
        compare.getItems().add("none");
        compare.setValue("none");
        compare.setTooltip(new Tooltip("Show a second finished run beside this one, at the same charge passed"));
        compare.setOnAction(e -> { second = runByLabel(compare.getValue()); refreshCharts(); redraw(); });
        for (int i = 1; i <= 9; i++) probeSlot.getItems().add(i);
        probeSlot.setValue(1);
        probeSlot.setTooltip(new Tooltip("Probe moved by the next click on the map"));
        frameLabel.setMinWidth(Region.USE_PREF_SIZE);
        play.setMinWidth(Region.USE_PREF_SIZE);
        exportFrames.setMinWidth(Region.USE_PREF_SIZE);
        HBox timeRow = new HBox(8, play, slider, frameLabel);
        timeRow.setAlignment(Pos.CENTER_LEFT);
        Label clickHint = new Label("(click the map to place it)");
        clickHint.setStyle("-fx-text-fill: #666666;");
        HBox optionRow = new HBox(8, new Label("compare with"), compare, new Label("probe"), probeSlot, clickHint, exportFrames);
        optionRow.setAlignment(Pos.CENTER_LEFT);
        VBox transport = new VBox(4, timeRow, optionRow);
        transport.setPadding(new Insets(4));
        Pane mapHolder = new Pane(map);
        mapHolder.setMinSize(300, 200);
        map.widthProperty().bind(mapHolder.widthProperty());
        map.heightProperty().bind(mapHolder.heightProperty());
        map.widthProperty().addListener((o, a, b) -> redraw());
        map.heightProperty().addListener((o, a, b) -> redraw());
        map.setOnMouseClicked(this::clickProbe);
        BorderPane mapPane = new BorderPane(mapHolder);
        mapPane.setBottom(transport);
        SplitPane charts = new SplitPane(voltageFig, probeFig);
        charts.setOrientation(Orientation.VERTICAL);
        SplitPane split = new SplitPane(mapPane, charts);
        split.setDividerPositions(0.6);
        setCenter(split);
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(120), e -> {
            if (primary == null) return;
            int n = primary.result().mapTimes.size();
            slider.setValue(((int) slider.getValue() + 1) % Math.max(1, n));
        }));
        if (config != null) loadConfig(config);
        redraw();
    }

    private static JFreeChart emptyChart(String x, String y) {
        XYPlot plot = new XYPlot(new XYSeriesCollection(), new NumberAxis(x), new NumberAxis(y), new XYLineAndShapeRenderer(true, false));
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private void chooseConfig() {
        FileChooser fc = new FileChooser();
        fc.setTitle("P2D run configuration (TOML)");
        if (loaded != null) fc.setInitialDirectory(loaded.toAbsolutePath().getParent().toFile());
        var f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) loadConfig(f.toPath());
    }

    /** Loads a configuration into the form (bad files leave a message naming the field). */
    public void loadConfig(Path file) {
        try {
            P2dConfig c = P2dConfig.load(file);
            form.fill(c);
            loaded = file;
            configField.setText(file.toString());
            showStatus("loaded " + file.getFileName() + ": " + c.parameters.name, false);
        } catch (RuntimeException ex) {
            showStatus(ex.getMessage(), true);
        }
    }

    /** Validates the form, builds the configuration and starts the run on a background thread. */
    public void start() {
        P2dConfig cfg;
        Path file = Path.of(configField.getText().trim());
        try {
            cfg = P2dConfig.load(file);
            form.applyTo(cfg, file);
        } catch (RuntimeException ex) {
            showStatus(ex.getMessage(), true);
            return;
        }
        final P2dConfig c = cfg;
        final String label = String.format(Locale.ROOT, "%.3gC %s", Math.abs(c.protocol.steps().get(0).value),
                c.protocol.steps().get(0).value < 0 ? "charge" : "discharge");
        task = jobs.submit("P2D " + label, pr -> c.buildSimulation().run(c.protocol, pr)); // the studio's executor (task bar)
        progress.progressProperty().bind(task.progressProperty());
        showStatus("", false);
        status.textProperty().bind(task.messageProperty());
        run.disableProperty().unbind();
        run.setDisable(true); cancel.setDisable(false);
        task.setOnSucceeded(e -> finish(label, task.getValue(), null));
        task.setOnFailed(e -> finish(label, null, task.getException()));
        task.setOnCancelled(e -> finish(label, null, null));
    }

    private void finish(String label, P2dResult r, Throwable err) {
        progress.progressProperty().unbind();
        status.textProperty().unbind();
        run.disableProperty().bind(form.validProperty().not());
        cancel.setDisable(true);
        if (r == null) { showStatus(err == null ? "cancelled" : "run failed: " + err.getMessage(), err != null);
            if (err != null) org.slf4j.LoggerFactory.getLogger(P2dPane.class).warn("P2D run failed", err); return; }
        progress.setProgress(1);
        addResult(label, r);
    }

    public boolean running() { return !cancel.isDisabled(); }

    /** Adds a finished result as a run and shows it (also usable with a result computed elsewhere). */
    public void addResult(String label, P2dResult r) {
        String l = label;
        for (int k = 2; runByLabel(l) != null; k++) l = label + " #" + k;
        Run previous = primary;
        Run nr = new Run(l, r);
        runs.add(nr);
        compare.getItems().add(l);
        primary = nr;
        if (previous != null && second == null) { second = previous; compare.setValue(previous.label()); }
        else if (second != null) compare.setValue(second.label());
        probes = defaultProbes(r.model());
        showStatus(String.format(Locale.ROOT, "%s: %d outputs, %d map frames%s", l, r.size(), r.mapTimes.size(),
                r.events.isEmpty() ? "" : ", " + String.join("; ", r.events)), r.failure() != null); // stopped early: the maps end there
        slider.setMax(Math.max(0, r.mapTimes.size() - 1));
        refreshCharts();
        slider.setValue(0);
        showFrame(0);
    }

    /** Status line text; a problem (bad input, a failed or stopped run) in the palette's vermilion. */
    private void showStatus(String text, boolean problem) {
        status.setText(text);
        status.setStyle(problem ? "-fx-text-fill: #D55E00;" : "");
        if (problem) { // the line is clipped on a narrow window; the whole message on hover
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(text);
            tip.setWrapText(true);
            tip.setMaxWidth(640);
            status.setTooltip(tip);
        } else status.setTooltip(null);
    }

    /** Shows a finished result as the only run. */
    public void setResult(P2dResult r) { runs.clear(); compare.getItems().setAll("none"); second = null; primary = null; addResult("run", r); }

    private Run runByLabel(String l) {
        for (Run r : runs) if (r.label().equals(l)) return r;
        return null;
    }

    /** The paper's nine regions: cathode near the separator, middle and current collector × surface, middle, centre. */
    static int[][] defaultProbes(P2dModel m) {
        List<Integer> pos = new ArrayList<>();
        for (int i = 0; i < m.cells(); i++) if (m.domain(i) == 2) pos.add(i);
        int[][] out = new int[9][];
        int[] depth = {pos.get(0), pos.get(pos.size() / 2), pos.get(pos.size() - 1)};
        for (int d = 0; d < 3; d++) {
            int nr = m.particle(depth[d]).nodes();
            int[] radial = {nr - 1, nr / 2, 0};
            for (int k = 0; k < 3; k++) out[3 * d + k] = new int[] {depth[d], radial[k]};
        }
        return out;
    }

    /** Charge passed (mAh/cm²) of a run at time t (Ah/m² × 0.1), interpolated on the outputs. */
    private static double chargeAt(P2dResult r, double t) {
        double[] tt = r.time(), q = r.throughput();
        int k = java.util.Arrays.binarySearch(tt, t);
        if (k >= 0) return 0.1 * Math.abs(q[k]);
        k = -k - 1;
        if (k <= 0) return 0.1 * Math.abs(q[0]);
        if (k >= tt.length) return 0.1 * Math.abs(q[tt.length - 1]);
        double f = (t - tt[k - 1]) / (tt[k] - tt[k - 1]);
        return 0.1 * Math.abs(q[k - 1] + f * (q[k] - q[k - 1]));
    }

    /** Map frame of run r closest to the given charge passed. */
    private static int frameAtCharge(P2dResult r, double charge) {
        int best = 0;
        double bd = Double.POSITIVE_INFINITY;
        for (int k = 0; k < r.mapTimes.size(); k++) {
            double d = Math.abs(chargeAt(r, r.mapTimes.get(k)) - charge);
            if (d < bd) { bd = d; best = k; }
        }
        return best;
    }

    private void refreshCharts() {
        if (primary == null) return;
        XYSeriesCollection vs = new XYSeriesCollection();
        XYLineAndShapeRenderer vr = new XYLineAndShapeRenderer(true, false);
        int k = 0;
        for (Run r : second == null ? List.of(primary) : List.of(primary, second)) {
            XYSeries v = new XYSeries(r.label(), false, true);
            double[] t = r.result().time(), vv = r.result().voltage();
            for (int i = 0; i < t.length; i++) v.add(chargeAt(r.result(), t[i]), vv[i]);
            vs.addSeries(v);
            vr.setSeriesPaint(k, FigureStyle.color(k));
            k++;
        }
        XYPlot plot = new XYPlot(vs, new NumberAxis("charge passed (mAh/cm²)"), new NumberAxis("cell voltage (V)"), vr);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        marker.setPaint(new java.awt.Color(213, 94, 0));
        marker.setStroke(new java.awt.BasicStroke(1.5f));
        plot.addDomainMarker(marker);
        voltageFig.setChart(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
        refreshProbes();
    }

    private static final String[] DEPTH = {"sep.", "mid", "c.c."}, RADIAL = {"surface", "middle", "centre"};
    private static final float[][] DASH = {null, {5f, 3f}, {1.5f, 2.5f}};

    /** Probe traces of the primary run: colour = depth in the cathode, dash = radial position. */
    private void refreshProbes() {
        P2dResult r = primary.result();
        XYSeriesCollection ps = new XYSeriesCollection();
        XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(true, false);
        double cmax = r.model().parameters().positive.cMax;
        for (int p = 0; p < 9; p++) {
            XYSeries s = new XYSeries(String.format(Locale.ROOT, "%d %s/%s", p + 1, DEPTH[p / 3], RADIAL[p % 3]), false, true);
            int cell = probes[p][0], node = probes[p][1];
            for (int f = 0; f < r.mapTimes.size(); f++) {
                double[] c = r.solidMaps.get(f)[cell];
                s.add(chargeAt(r, r.mapTimes.get(f)), c[Math.min(node, c.length - 1)] / (r.model().domain(cell) == 0 ? r.model().parameters().negative.cMax : cmax));
            }
            ps.addSeries(s);
            pr.setSeriesPaint(p, FigureStyle.color(p / 3));
            pr.setSeriesStroke(p, new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, DASH[p % 3], 0f));
        }
        XYPlot plot = new XYPlot(ps, new NumberAxis("charge passed (mAh/cm²)"), new NumberAxis("c/c_max"), pr);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        probeMarker.setPaint(new java.awt.Color(213, 94, 0));
        probeMarker.setStroke(new java.awt.BasicStroke(1.5f));
        plot.addDomainMarker(probeMarker);
        double[] bin = r.model().parameters().positive.binodals;
        if (bin != null && bin.length >= 2) {
            org.jfree.chart.plot.IntervalMarker band = new org.jfree.chart.plot.IntervalMarker(bin[0], bin[1], new java.awt.Color(0, 0, 0, 18));
            plot.addRangeMarker(band, org.jfree.chart.ui.Layer.BACKGROUND);
        }
        probeFig.setChart(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    private void togglePlay() {
        if (timeline.getStatus() == Timeline.Status.RUNNING) { timeline.stop(); play.setText("▶ Play"); }
        else { timeline.play(); play.setText("⏸ Pause"); }
    }

    /** Draws frame k of the map(s) and moves the voltage and probe markers to its charge. */
    public void showFrame(int k) {
        if (primary == null || primary.result().mapTimes.isEmpty()) return;
        P2dResult r = primary.result();
        frame = Math.max(0, Math.min(k, r.mapTimes.size() - 1));
        double t = r.mapTimes.get(frame), q = chargeAt(r, t);
        marker.setValue(q);
        probeMarker.setValue(q);
        frameLabel.setText(String.format(Locale.ROOT, "frame %d/%d", frame + 1, r.mapTimes.size()));
        redraw();
    }

    private void redraw() {
        GraphicsContext g = map.getGraphicsContext2D();
        double w = map.getWidth(), h = map.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (primary == null) {
            g.setFill(Color.GRAY);
            g.setFont(Font.font("SansSerif", 14));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText("Run the cell (or load a configuration and press Run) to see c(x, r, t)", 20, 30);
            return;
        }
        double barW = 92;
        double q = chargeAt(primary.result(), primary.result().mapTimes.get(frame));
        if (second == null) {
            panel(g, primary, frame, 0, 0, w - barW, h, true);
        } else {
            double half = (w - barW) / 2;
            panel(g, primary, frame, 0, 0, half, h, true);
            panel(g, second, frameAtCharge(second.result(), q), half, 0, half, h, false);
        }
        colourBar(g, w - barW, 0, barW, h, primary.result().model().parameters());
    }

    /** Geometry of one map panel: data rectangle. */
    private record Box(double x, double y, double w, double h) {}

    private static Box dataBox(double x0, double y0, double w, double h) {
        double left = 52, top = 46, right = 10, bottom = 50;
        return new Box(x0 + left, y0 + top, w - left - right, h - top - bottom);
    }

    private void panel(GraphicsContext g, Run run, int k, double x0, double y0, double w, double h, boolean withProbes) {
        P2dResult res = run.result();
        P2dModel m = res.model();
        P2dParameters p = m.parameters();
        double[][] cs = res.solidMaps.get(k);
        Box b = dataBox(x0, y0, w, h);
        int nx = m.cells();
        double xTot = 0;
        for (int i = 0; i < nx; i++) xTot += m.width(i);
        double x = b.x();
        for (int i = 0; i < nx; i++) {
            double cw = b.w() * m.width(i) / xTot;
            if (!m.isElectrode(i)) {
                g.setFill(Color.rgb(228, 228, 228));
                g.fillRect(x, b.y(), cw + 0.5, b.h());
            } else {
                double cmax = m.domain(i) == 0 ? p.negative.cMax : p.positive.cMax;
                int nr = cs[i].length;
                for (int j = 0; j < nr; j++) {
                    g.setFill(colour(cs[i][j] / cmax));
                    double y = b.y() + b.h() * (1 - (j + 1.0) / nr);
                    g.fillRect(x, y, cw + 0.5, b.h() / nr + 0.5);
                }
            }
            x += cw;
        }
        double negW = 0, sepW = 0;
        for (int i = 0; i < nx; i++) { if (m.domain(i) == 0) negW += m.width(i); else if (m.domain(i) == 1) sepW += m.width(i); }
        double xn = b.x() + b.w() * negW / xTot, xs = xn + b.w() * sepW / xTot;
        g.setStroke(Color.BLACK);
        g.setLineWidth(1);
        g.strokeRect(b.x(), b.y(), b.w(), b.h());
        g.strokeLine(xn, b.y(), xn, b.y() + b.h());
        g.strokeLine(xs, b.y(), xs, b.y() + b.h());
        g.setFill(Color.BLACK);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font("SansSerif", FontWeight.BOLD, 13));
        g.fillText(run.label(), b.x() + b.w() / 2, y0 + 12);
        g.setFont(Font.font("SansSerif", 11.5));
        g.fillText("anode", (b.x() + xn) / 2, b.y() - 10);
        g.fillText("sep.", (xn + xs) / 2, b.y() - 10);
        g.fillText("cathode", (xs + b.x() + b.w()) / 2, b.y() - 10);
        double t = res.mapTimes.get(k);
        g.fillText(String.format(Locale.ROOT, "x: depth (anode c.c. → cathode c.c.), %.0f µm", 1e6 * xTotal(m)), b.x() + b.w() / 2, b.y() + b.h() + 13);
        g.fillText(String.format(Locale.ROOT, "t = %.2f h   Q = %.3f mAh/cm²   V = %.3f V", t / 3600, chargeAt(res, t), res.voltageAt(t)),
                b.x() + b.w() / 2, b.y() + b.h() + 32);
        g.save();
        g.translate(x0 + 16, b.y() + b.h() / 2);
        g.rotate(-90);
        g.fillText("r: centre → surface", 0, 0);
        g.restore();
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("R", b.x() - 4, b.y() + 5);
        g.fillText("0", b.x() - 4, b.y() + b.h() - 5);
        if (withProbes && probes != null) {
            for (int pi = 0; pi < 9; pi++) {
                double[] c = probeCentre(m, cs, b, probes[pi][0], probes[pi][1], xTot);
                g.setFill(Color.WHITE);
                g.fillOval(c[0] - 7, c[1] - 7, 14, 14);
                g.setStroke(pi + 1 == (probeSlot.getValue() == null ? 1 : probeSlot.getValue()) ? Color.rgb(213, 94, 0) : Color.BLACK);
                g.setLineWidth(1.5);
                g.strokeOval(c[0] - 7, c[1] - 7, 14, 14);
                g.setFill(Color.BLACK);
                g.setTextAlign(TextAlignment.CENTER);
                g.setFont(Font.font("SansSerif", FontWeight.BOLD, 10));
                g.fillText(Integer.toString(pi + 1), c[0], c[1]);
            }
        }
    }

    private static double xTotal(P2dModel m) {
        double s = 0;
        for (int i = 0; i < m.cells(); i++) s += m.width(i);
        return s;
    }

    private static double[] probeCentre(P2dModel m, double[][] cs, Box b, int cell, int node, double xTot) {
        double x = b.x();
        for (int i = 0; i < cell; i++) x += b.w() * m.width(i) / xTot;
        x += 0.5 * b.w() * m.width(cell) / xTot;
        int nr = cs[cell].length;
        double y = b.y() + b.h() * (1 - (node + 0.5) / nr);
        return new double[] {x, y};
    }

    /** A click on the primary map moves the selected probe to that electrode cell and radial node. */
    private void clickProbe(MouseEvent e) {
        if (primary == null) return;
        double w = map.getWidth(), h = map.getHeight(), barW = 92;
        double pw = second == null ? w - barW : (w - barW) / 2;
        int[] hit = locate(e.getX(), e.getY(), pw, h);
        if (hit == null) return;
        int slot = probeSlot.getValue() == null ? 1 : probeSlot.getValue();
        probes[slot - 1] = hit;
        probeSlot.setValue(slot % 9 + 1);
        refreshProbes();
        showFrame(frame);
    }

    /** {cell, node} of an electrode location in the primary panel, or null (separator / outside). */
    int[] locate(double px, double py, double panelW, double panelH) {
        P2dModel m = primary.result().model();
        Box b = dataBox(0, 0, panelW, panelH);
        if (px < b.x() || px > b.x() + b.w() || py < b.y() || py > b.y() + b.h()) return null;
        double xTot = xTotal(m), x = b.x();
        for (int i = 0; i < m.cells(); i++) {
            double cw = b.w() * m.width(i) / xTot;
            if (px <= x + cw) {
                if (!m.isElectrode(i)) return null;
                int nr = primary.result().solidMaps.get(0)[i].length;
                int node = (int) Math.floor((1 - (py - b.y()) / b.h()) * nr);
                return new int[] {i, Math.max(0, Math.min(nr - 1, node))};
            }
            x += cw;
        }
        return null;
    }

    /** Screen point (map canvas coordinates) of the centre of an electrode cell/node in the primary panel; for tests. */
    public double[] mapPoint(int cell, int node) {
        double w = map.getWidth(), h = map.getHeight(), barW = 92;
        double pw = second == null ? w - barW : (w - barW) / 2;
        P2dModel m = primary.result().model();
        return probeCentre(m, primary.result().solidMaps.get(frame), dataBox(0, 0, pw, h), cell, node, xTotal(m));
    }

    private void colourBar(GraphicsContext g, double x0, double y0, double w, double h, P2dParameters p) {
        Box b = dataBox(0, y0, 100, h);
        double bx = x0 + 12, bw = 18, top = b.y(), ph = b.h();
        for (int j = 0; j < 100; j++) {
            g.setFill(colour((j + 0.5) / 100));
            g.fillRect(bx, top + ph * (1 - (j + 1) / 100.0), bw, ph / 100 + 0.6);
        }
        g.setStroke(Color.BLACK);
        g.setLineWidth(1);
        g.strokeRect(bx, top, bw, ph);
        g.setFill(Color.BLACK);
        g.setFont(Font.font("SansSerif", 11));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int j = 0; j <= 4; j++) {
            double y = top + ph * (1 - j / 4.0);
            g.strokeLine(bx + bw, y, bx + bw + 3, y);
            g.fillText(String.format(Locale.ROOT, "%.2f", j / 4.0), bx + bw + 5, y);
        }
        g.fillText("c/c_max", bx - 4, top - 10);
        double[] bin = p.positive.binodals;
        if (bin != null && bin.length >= 2) {
            double y1 = top + ph * (1 - bin[1]), y0b = top + ph * (1 - bin[0]);
            g.setStroke(Color.WHITE);
            g.setLineWidth(2);
            g.setLineDashes(4, 3);
            g.strokeRect(bx - 3, y1, bw + 6, y0b - y1);
            g.setLineDashes();
            g.setStroke(Color.BLACK);
            g.setLineWidth(1);
            g.strokeLine(bx - 6, y1, bx - 3, y1);
            g.strokeLine(bx - 6, y0b, bx - 3, y0b);
            g.save();
            g.translate(bx - 9, (y1 + y0b) / 2);
            g.rotate(-90);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("cathode binodal", 0, 0);
            g.restore();
        }
    }

    /** Viridis-like perceptually ordered map (5 anchors of matplotlib's viridis, linearly interpolated). */
    static Color colour(double s) {
        double[][] a = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        s = Math.max(0, Math.min(1, s)) * 4;
        int i = Math.min(3, (int) s);
        double f = s - i;
        return Color.rgb((int) (a[i][0] + f * (a[i + 1][0] - a[i][0])), (int) (a[i][1] + f * (a[i + 1][1] - a[i][1])),
                (int) (a[i][2] + f * (a[i + 1][2] - a[i][2])));
    }

    /** Writes every map frame as base_0000.png … at the given scale (2 = 2× pixels). Returns the number written. */
    public int exportFrames(Path dir, String base, double scale) {
        if (primary == null) return 0;
        int n = primary.result().mapTimes.size(), keep = frame;
        for (int k = 0; k < n; k++) {
            showFrame(k);
            javafx.scene.SnapshotParameters sp = new javafx.scene.SnapshotParameters();
            sp.setTransform(javafx.scene.transform.Transform.scale(scale, scale));
            WritableImage img = map.snapshot(sp, null);
            FigureExport.writePng(SwingFXUtils.fromFXImage(img, null), (int) Math.round(96 * scale), dir.resolve(String.format(Locale.ROOT, "%s_%04d.png", base, k)));
        }
        showFrame(keep);
        return n;
    }

    private void chooseFrameExport() {
        javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
        dc.setTitle("Folder for the PNG frames");
        var d = dc.showDialog(getScene() == null ? null : getScene().getWindow());
        if (d == null) return;
        try { showStatus("wrote " + exportFrames(d.toPath(), "p2d_map", 2) + " frames", false); }
        catch (RuntimeException ex) { showStatus("export failed: " + ex.getMessage(), true); }
    }

    public P2dResult result() { return primary == null ? null : primary.result(); }
    public List<Run> runs() { return List.copyOf(runs); }
    public String status() { return status.getText(); }
    public Canvas mapCanvas() { return map; }
    public double markerValue() { return marker.getValue(); }
    public Slider slider() { return slider; }
    public FigurePane voltageFigure() { return voltageFig; }
    public FigurePane probeFigure() { return probeFig; }
    public Task<P2dResult> task() { return task; }
    public int[][] probes() { return probes == null ? null : probes.clone(); }
    public void setCompare(String label) { compare.setValue(label); second = runByLabel(label); refreshCharts(); redraw(); }
    public void setCRate(String s) { form.set("C-rate", s); }
    public void setDuration(String s) { form.set("duration", s); }
    /** Sets a form field by its name (e.g. "positive particle radius (µm)"); for tests and scripting. */
    public void setField(String name, String value) { form.set(name, value); }
    public boolean formValid() { return form.validProperty().get(); }
    public String formProblem() { return form.problem(); }
}
