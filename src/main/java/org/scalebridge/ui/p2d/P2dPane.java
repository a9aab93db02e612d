package org.scalebridge.ui.p2d;

import java.nio.file.Path;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
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
import org.scalebridge.ui.figures.FigurePane;

/**
 * P2D pane: loads a P2D TOML configuration (C-rate and mesh editable), runs the engine's solver on a background
 * {@link Task} with progress and cancel, then shows the solid concentration map c(x, r)/c_max as an animated heat
 * map — negative electrode, separator and positive electrode side by side along x (paper Fig. 9), particle centre
 * (bottom) to surface (top) along r — with a colour bar on which the positive electrode's binodal band is marked, a
 * time slider and play button, and the cell voltage with a marker that follows the map time. Frames export as PNG.
 */
public class P2dPane extends BorderPane {
    private final TextField configField = new TextField(), cRate = new TextField(), meshX = new TextField("6,3,6"),
            meshR = new TextField("10,12"),
            duration = new TextField();
    private final Button run = new Button("Run"), cancel = new Button("Cancel"), play = new Button("▶ Play"),
            exportFrames = new Button("Export frames…");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Slider slider = new Slider(0, 1, 0);
    private final Canvas map = new Canvas(720, 330);
    private final FigurePane voltageFig;
    private final ValueMarker marker = new ValueMarker(0);
    private final Timeline timeline = new Timeline();
    private P2dResult result;
    private Task<P2dResult> task;

    public P2dPane(Path config) {
        configField.setText(config == null ? "" : config.toString());
        configField.setPrefColumnCount(28);
        cRate.setPromptText("from file");
        cRate.setPrefColumnCount(5);
        duration.setPromptText("from file");
        duration.setPrefColumnCount(6);
        meshX.setPrefColumnCount(6); meshR.setPrefColumnCount(5);
        run.setId("runP2d"); play.setId("play"); slider.setId("timeSlider");
        run.setOnAction(e -> start());
        cancel.setOnAction(e -> { if (task != null) task.cancel(); });
        cancel.setDisable(true);
        FlowPane form = new FlowPane(8, 4, new Label("config"), configField, new Label("C-rate (− = charge)"), cRate,
                new Label("cells neg,sep,pos"), meshX, new Label("radial neg,pos"), meshR, new Label("run time (s)"), duration, run, cancel, progress, status);
        form.setPadding(new Insets(6));
        setTop(form);
        voltageFig = new FigurePane(emptyVoltage(), FigureSettings.paper("", "time (h)", "cell voltage (V)"));
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setSnapToTicks(true);
        slider.valueProperty().addListener((o, a, b) -> showFrame(b.intValue()));
        play.setOnAction(e -> togglePlay());
        exportFrames.setOnAction(e -> chooseFrameExport());
        FlowPane transport = new FlowPane(8, 4, play, slider, exportFrames);
        slider.setPrefWidth(520);
        transport.setPadding(new Insets(4));
        Pane mapHolder = new Pane(map);
        BorderPane mapPane = new BorderPane(mapHolder);
        mapPane.setBottom(transport);
        SplitPane split = new SplitPane(mapPane, voltageFig);
        split.setDividerPositions(0.58);
        setCenter(split);
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(120), e -> {
            if (result == null) return;
            int n = result.mapTimes.size();
            slider.setValue(((int) slider.getValue() + 1) % Math.max(1, n));
        }));
        drawEmpty();
    }

    private static JFreeChart emptyVoltage() {
        XYPlot plot = new XYPlot(new XYSeriesCollection(), new NumberAxis("time (h)"), new NumberAxis("cell voltage (V)"),
                new XYLineAndShapeRenderer(true, false));
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    }

    private static int[] ints(String s, int n, String field) {
        String[] f = s.split(",");
        if (f.length != n) throw org.scalebridge.core.InputException.field("P2D form", field, "expected " + n + " comma-separated integers, got '" + s + "'");
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            try { out[i] = Integer.parseInt(f[i].trim()); }
            catch (NumberFormatException e) { throw org.scalebridge.core.InputException.field("P2D form", field, "not an integer: '" + f[i] + "'"); }
            if (out[i] < 2) throw org.scalebridge.core.InputException.field("P2D form", field, "each count must be ≥ 2, got " + out[i]);
        }
        return out;
    }

    /** Validates the form, builds the configuration and starts the run on a background thread. */
    public void start() {
        P2dConfig cfg;
        try {
            cfg = P2dConfig.load(Path.of(configField.getText().trim()));
            int[] mx = ints(meshX.getText(), 3, "cells neg,sep,pos"), mr = ints(meshR.getText(), 2, "radial neg,pos");
            cfg.nNeg = mx[0]; cfg.nSep = mx[1]; cfg.nPos = mx[2]; cfg.nrNeg = mr[0]; cfg.nrPos = mr[1];
            cfg.mapEvery = 1;
            if (!cRate.getText().isBlank() || !duration.getText().isBlank()) {
                double c = cfg.protocol.steps().get(0).value;
                try { if (!cRate.getText().isBlank()) c = Double.parseDouble(cRate.getText().trim()); }
                catch (NumberFormatException e) { throw org.scalebridge.core.InputException.field("P2D form", "C-rate", "not a number: " + cRate.getText()); }
                if (c == 0 || !Double.isFinite(c)) throw org.scalebridge.core.InputException.unphysical("C-rate", c, "non-zero");
                var first = cfg.protocol.steps().get(0);
                if (first.kind != org.scalebridge.continuum.Protocol.Kind.CURRENT || Double.isNaN(first.value))
                    throw org.scalebridge.core.InputException.field("P2D form", "C-rate", "the file's first step is not a C-rate step; edit the file instead");
                double old = first.value, scale = Math.abs(old / c);
                // one constant-current step at the new rate, same cut-offs, duration and output interval scaled by the rate ratio
                double len = first.duration * scale;
                if (!duration.getText().isBlank()) {
                    try { len = Double.parseDouble(duration.getText().trim()); }
                    catch (NumberFormatException e) { throw org.scalebridge.core.InputException.field("P2D form", "run time (s)", "not a number: " + duration.getText()); }
                    if (!(len > 0)) throw org.scalebridge.core.InputException.unphysical("run time (s)", len, "> 0");
                }
                cfg.protocol = new org.scalebridge.continuum.Protocol().constantCurrentC(c, len, first.vMin, first.vMax);
                cfg.interval = Math.min(cfg.interval * scale, len / 20);
            }
        } catch (RuntimeException ex) {
            status.setText(ex.getMessage());
            return;
        }
        final P2dConfig c = cfg;
        task = new Task<>() {
            @Override protected P2dResult call() {
                final Task<P2dResult> self = this;
                return c.buildSimulation().run(c.protocol, new Progress() {
                    long last;
                    @Override public void update(long done, long total, String message) {
                        long now = System.nanoTime();
                        if (now - last < 16_000_000L) return; // ≤ 60 Hz
                        last = now;
                        updateProgress(done, total);
                        updateMessage(message);
                    }
                    @Override public boolean isCancelled() { return self.isCancelled(); }
                });
            }
        };
        progress.progressProperty().bind(task.progressProperty());
        status.textProperty().bind(task.messageProperty());
        run.setDisable(true); cancel.setDisable(false);
        task.setOnSucceeded(e -> finish(task.getValue(), null));
        task.setOnFailed(e -> finish(null, task.getException()));
        task.setOnCancelled(e -> finish(null, null));
        Thread t = new Thread(task, "p2d-run");
        t.setDaemon(true);
        t.start();
    }

    private void finish(P2dResult r, Throwable err) {
        progress.progressProperty().unbind();
        status.textProperty().unbind();
        run.setDisable(false); cancel.setDisable(true);
        if (r == null) { status.setText(err == null ? "cancelled" : "run failed: " + err);
            if (err != null) org.slf4j.LoggerFactory.getLogger(P2dPane.class).warn("P2D run failed", err); return; }
        progress.setProgress(1);
        setResult(r);
    }

    /** Shows a finished result (also usable with a result computed elsewhere). */
    public void setResult(P2dResult r) {
        result = r;
        status.setText(String.format(Locale.ROOT, "%d outputs, %d map frames%s", r.size(), r.mapTimes.size(),
                r.events.isEmpty() ? "" : ", " + String.join("; ", r.events)));
        XYSeries v = new XYSeries("V", false, true);
        double[] t = r.time(), vv = r.voltage();
        for (int i = 0; i < t.length; i++) v.add(t[i] / 3600, vv[i]);
        XYPlot plot = new XYPlot(new XYSeriesCollection(v), new NumberAxis("time (h)"), new NumberAxis("cell voltage (V)"),
                new XYLineAndShapeRenderer(true, false));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        marker.setPaint(new java.awt.Color(213, 94, 0));
        marker.setStroke(new java.awt.BasicStroke(1.5f));
        plot.addDomainMarker(marker);
        voltageFig.setChart(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
        slider.setMax(Math.max(0, r.mapTimes.size() - 1));
        slider.setValue(0);
        showFrame(0);
    }

    private void togglePlay() {
        if (timeline.getStatus() == Timeline.Status.RUNNING) { timeline.stop(); play.setText("▶ Play"); }
        else { timeline.play(); play.setText("⏸ Pause"); }
    }

    /** Draws frame k of the map and moves the voltage marker to its time. */
    public void showFrame(int k) {
        if (result == null || result.mapTimes.isEmpty()) return;
        k = Math.max(0, Math.min(k, result.mapTimes.size() - 1));
        marker.setValue(result.mapTimes.get(k) / 3600);
        draw(k);
    }

    private void drawEmpty() {
        GraphicsContext g = map.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, map.getWidth(), map.getHeight());
        g.setFill(Color.GRAY);
        g.fillText("Run a P2D configuration to see c(x, r, t)", 20, 30);
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

    private void draw(int k) {
        P2dModel m = result.model();
        P2dParameters p = m.parameters();
        double[][] cs = result.solidMaps.get(k);
        GraphicsContext g = map.getGraphicsContext2D();
        double w = map.getWidth(), h = map.getHeight();
        double left = 60, top = 34, right = 110, bottom = 44, pw = w - left - right, ph = h - top - bottom;
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int nx = m.cells();
        double xTot = 0;
        for (int i = 0; i < nx; i++) xTot += m.width(i);
        double x = left;
        for (int i = 0; i < nx; i++) {
            double cw = pw * m.width(i) / xTot;
            if (!m.isElectrode(i)) {
                g.setFill(Color.rgb(225, 225, 225));
                g.fillRect(x, top, cw + 0.5, ph);
            } else {
                double cmax = m.domain(i) == 0 ? p.negative.cMax : p.positive.cMax;
                int nr = cs[i].length;
                for (int j = 0; j < nr; j++) {
                    g.setFill(colour(cs[i][j] / cmax));
                    double y = top + ph * (1 - (j + 1.0) / nr);
                    g.fillRect(x, y, cw + 0.5, ph / nr + 0.5);
                }
            }
            x += cw;
        }
        g.setStroke(Color.BLACK);
        g.setLineWidth(1);
        g.strokeRect(left, top, pw, ph);
        g.setFill(Color.BLACK);
        g.setFont(Font.font("SansSerif", 12));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        double negW = 0, sepW = 0;
        for (int i = 0; i < nx; i++) { if (m.domain(i) == 0) negW += m.width(i); else if (m.domain(i) == 1) sepW += m.width(i); }
        double xn = left + pw * negW / xTot, xs = xn + pw * sepW / xTot;
        g.fillText("negative (" + p.negative.name + ")", (left + xn) / 2, top - 12);
        g.fillText("sep.", (xn + xs) / 2, top - 12);
        g.fillText("positive (" + p.positive.name + ")", (xs + left + pw) / 2, top - 12);
        g.fillText("x: electrode depth (current collector → separator → current collector)", left + pw / 2, top + ph + 14);
        g.fillText(String.format(Locale.ROOT, "t = %.2f h   V = %.3f V", result.mapTimes.get(k) / 3600,
                result.voltageAt(result.mapTimes.get(k))), left + pw / 2, top + ph + 32);
        g.save();
        g.translate(18, top + ph / 2);
        g.rotate(-90);
        g.fillText("r: centre → surface", 0, 0);
        g.restore();
        // colour bar with the positive electrode's binodal band
        double bx = w - right + 22, bw = 18;
        for (int j = 0; j < 100; j++) {
            g.setFill(colour((j + 0.5) / 100));
            g.fillRect(bx, top + ph * (1 - (j + 1) / 100.0), bw, ph / 100 + 0.6);
        }
        g.setStroke(Color.BLACK);
        g.strokeRect(bx, top, bw, ph);
        g.setFill(Color.BLACK);
        g.setTextAlign(TextAlignment.LEFT);
        for (int j = 0; j <= 4; j++) g.fillText(String.format(Locale.ROOT, "%.2f", j / 4.0), bx + bw + 4, top + ph * (1 - j / 4.0));
        g.fillText("c/c_max", bx - 6, top - 12);
        double[] bin = p.positive.binodals;
        if (bin != null && bin.length >= 2) {
            double y1 = top + ph * (1 - bin[1]), y0 = top + ph * (1 - bin[0]);
            g.setStroke(Color.WHITE);
            g.setLineWidth(2);
            g.setLineDashes(4, 3);
            g.strokeRect(bx - 4, y1, bw + 8, y0 - y1);
            g.setLineDashes();
            g.setFill(Color.BLACK);
            g.fillText("binodal", bx - 2, y0 + 12);
        }
    }

    /** Writes every map frame as base_0000.png … at the given scale (2 = 2× pixels). Returns the number written. */
    public int exportFrames(Path dir, String base, double scale) {
        if (result == null) return 0;
        int n = result.mapTimes.size();
        for (int k = 0; k < n; k++) {
            draw(k);
            javafx.scene.SnapshotParameters sp = new javafx.scene.SnapshotParameters();
            sp.setTransform(javafx.scene.transform.Transform.scale(scale, scale));
            WritableImage img = map.snapshot(sp, null);
            FigureExport.writePng(SwingFXUtils.fromFXImage(img, null), (int) Math.round(96 * scale), dir.resolve(String.format(Locale.ROOT, "%s_%04d.png", base, k)));
        }
        showFrame((int) slider.getValue());
        return n;
    }

    private void chooseFrameExport() {
        javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
        dc.setTitle("Folder for the PNG frames");
        var d = dc.showDialog(getScene() == null ? null : getScene().getWindow());
        if (d == null) return;
        try { status.setText("wrote " + exportFrames(d.toPath(), "p2d_map", 2) + " frames"); }
        catch (RuntimeException ex) { status.setText("export failed: " + ex.getMessage()); }
    }

    public P2dResult result() { return result; }
    public String status() { return status.getText(); }
    public boolean running() { return run.isDisabled(); }
    public Canvas mapCanvas() { return map; }
    public double markerValue() { return marker.getValue(); }
    public Slider slider() { return slider; }
    public FigurePane voltageFigure() { return voltageFig; }
    public Task<P2dResult> task() { return task; }
    public void setCRate(String s) { cRate.setText(s); }
    public void setDuration(String s) { duration.setText(s); }
}
