package org.scalebridge.ui.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.scalebridge.analysis.Arrhenius;
import org.scalebridge.analysis.Einstein;
import org.scalebridge.analysis.Msd;
import org.scalebridge.analysis.MsdResult;
import org.scalebridge.figures.AnalysisCharts;
import org.scalebridge.figures.FigureSettings;
import org.scalebridge.figures.SampleTrajectories;
import org.scalebridge.ui.figures.FigurePane;

/**
 * MSD and Arrhenius pane: MSD curves (log–log or linear) of several runs with the Einstein fit window of the selected
 * run drawn as a band whose edges can be dragged (or typed); D ± σ per run; the Arrhenius plot (log10 D vs 1000/T)
 * with the weighted fit, Ea ± σ, D0 and the extrapolation to a chosen temperature with its confidence band; a table
 * of all numbers. Everything is recomputed by the engine ({@link Einstein}, {@link Arrhenius}) when a window changes.
 */
public class MsdArrheniusPane extends BorderPane {
    /** One run: label, temperature (K) and its MSD (Å², ps). */
    public record Entry(String label, double temperature, MsdResult msd) {}

    /** Table row. */
    public record Row(String run, double temperature, double d, double sigmaD, double tStart, double tEnd, String window) {}

    private final List<Entry> entries;
    private final Einstein.Window[] windows;
    private final Einstein.Fit[] fits;
    private Arrhenius.Fit arrhenius;
    private final ComboBox<String> runBox = new ComboBox<>();
    private final TextField tStart = new TextField(), tEnd = new TextField(), tExtrap = new TextField("300"),
            level = new TextField("0.95");
    private final Label summary = new Label(), message = new Label();
    private final TableView<Row> table = new TableView<>();
    private final FigurePane msdFigure, arrFigure;
    private int dragEdge = -1;

    public MsdArrheniusPane(List<Entry> entries) {
        if (entries.size() < 2) throw new IllegalArgumentException("the Arrhenius plot needs at least two runs");
        this.entries = List.copyOf(entries);
        windows = new Einstein.Window[entries.size()];
        fits = new Einstein.Fit[entries.size()];
        for (int i = 0; i < entries.size(); i++) fits[i] = Einstein.fit(entries.get(i).msd());
        for (int i = 0; i < entries.size(); i++) windows[i] = new Einstein.Window(fits[i].tStart(), fits[i].tEnd());
        FigureSettings ms = FigureSettings.paper("", "lag time t (ps)", "MSD (Å²)");
        ms.logX = true; ms.logY = true;
        recomputeArrhenius();
        msdFigure = new FigurePane(msdChart(0), ms);
        arrFigure = new FigurePane(arrChart(), FigureSettings.paper("", "1000/T (1/K)", "log10 D (Å²/ps)"));
        for (Entry e : entries) runBox.getItems().add(e.label());
        runBox.getSelectionModel().select(0);
        runBox.setId("runBox");
        tStart.setId("tStart"); tEnd.setId("tEnd"); tExtrap.setId("tExtrap");
        tStart.setPrefColumnCount(6); tEnd.setPrefColumnCount(6); tExtrap.setPrefColumnCount(5); level.setPrefColumnCount(4);
        runBox.setOnAction(e -> showSelected());
        tStart.setOnAction(e -> windowFromFields());
        tEnd.setOnAction(e -> windowFromFields());
        tExtrap.setOnAction(e -> refreshArrhenius());
        level.setOnAction(e -> refreshArrhenius());
        summary.setId("arrheniusSummary");
        message.setId("message");
        message.setStyle("-fx-text-fill: #D55E00;");
        FlowPane controls = new FlowPane(8, 4, new Label("run"), runBox, new Label("fit window t from"), tStart,
                new Label("to"), tEnd, new Label("ps   extrapolate to T ="), tExtrap, new Label("K, confidence"), level, message);
        controls.setPadding(new Insets(6));
        setTop(controls);
        SplitPane charts = new SplitPane(msdFigure, arrFigure);
        SplitPane main = new SplitPane(charts, buildTable());
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.68);
        setCenter(main);
        installDrag();
        showSelected();
        refreshArrhenius();
    }

    /** The synthetic hopping sample (four temperatures), MSDs by the engine with 8 atom blocks. */
    public static MsdArrheniusPane sample() {
        List<Entry> list = new ArrayList<>();
        for (SampleTrajectories.Run r : SampleTrajectories.arrheniusSet(2024))
            list.add(new Entry(r.label(), r.temperature(), Msd.allOriginsFft(r.frames(), Msd.Options.all(8), null)));
        return new MsdArrheniusPane(list);
    }

    private BorderPane buildTable() {
        table.setId("resultsTable");
        table.getColumns().add(col("run", r -> r.run()));
        table.getColumns().add(col("T (K)", r -> fmt("%.1f", r.temperature())));
        table.getColumns().add(col("D (Å²/ps)", r -> fmt("%.4e", r.d())));
        table.getColumns().add(col("σ_D (Å²/ps)", r -> fmt("%.2e", r.sigmaD())));
        table.getColumns().add(col("D (cm²/s)", r -> fmt("%.3e", r.d() * 1e-4)));
        table.getColumns().add(col("window (ps)", r -> fmt("%.3g", r.tStart()) + " – " + fmt("%.3g", r.tEnd())));
        table.getColumns().add(col("window choice", r -> r.window()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        BorderPane p = new BorderPane(table);
        summary.setPadding(new Insets(4, 6, 4, 6));
        summary.setStyle("-fx-font-weight: bold;");
        p.setTop(summary);
        return p;
    }

    private static TableColumn<Row, String> col(String name, java.util.function.Function<Row, String> f) {
        TableColumn<Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private static String fmt(String f, double v) { return String.format(Locale.ROOT, f, v); }

    private int selected() { return Math.max(0, runBox.getSelectionModel().getSelectedIndex()); }

    private void showSelected() {
        int s = selected();
        tStart.setText(fmt("%.4g", fits[s].tStart()));
        tEnd.setText(fmt("%.4g", fits[s].tEnd()));
        msdFigure.setChart(msdChart(s));
    }

    private void windowFromFields() {
        try {
            setWindow(selected(), Double.parseDouble(tStart.getText().trim()), Double.parseDouble(tEnd.getText().trim()));
        } catch (NumberFormatException ex) {
            message.setText("fit window: expected numbers in ps, got '" + tStart.getText() + "' – '" + tEnd.getText() + "'");
        }
    }

    /** Sets the fit window of run {@code i} (ps), refits D and the Arrhenius line; a bad window leaves a message. */
    public void setWindow(int i, double t0, double t1) {
        try {
            Einstein.Fit f = Einstein.fit(entries.get(i).msd(), 3, new Einstein.Window(t0, t1), 0.1, 1.0);
            windows[i] = new Einstein.Window(t0, t1);
            fits[i] = f;
            message.setText("");
            recomputeArrhenius();
            if (i == selected()) showSelected();
            refreshArrhenius();
        } catch (RuntimeException ex) {
            message.setText(ex.getMessage());
        }
    }

    private void recomputeArrhenius() {
        int n = entries.size();
        double[] t = new double[n], d = new double[n], s = new double[n];
        boolean sig = true;
        for (int i = 0; i < n; i++) {
            t[i] = entries.get(i).temperature(); d[i] = fits[i].d(); s[i] = fits[i].sigmaD();
            sig &= s[i] > 0;
        }
        arrhenius = Arrhenius.fit(t, d, sig ? s : null, 0.05);
    }

    private double extrapT() {
        try { double v = Double.parseDouble(tExtrap.getText().trim()); return v > 0 ? v : 300; }
        catch (NumberFormatException e) { return 300; }
    }

    private double confidence() {
        try { double v = Double.parseDouble(level.getText().trim()); return v > 0 && v < 1 ? v : 0.95; }
        catch (NumberFormatException e) { return 0.95; }
    }

    private void refreshArrhenius() {
        arrFigure.setChart(arrChart());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Einstein.Fit f = fits[i];
            rows.add(new Row(entries.get(i).label(), entries.get(i).temperature(), f.d(), f.sigmaD(), f.tStart(), f.tEnd(),
                    f.windowChoice() + (f.diffusive() ? "" : " (not diffusive)")));
        }
        table.setItems(FXCollections.observableArrayList(rows));
        double te = extrapT(), lv = confidence();
        double[] band = arrhenius.band(te, lv);
        summary.setText(String.format(Locale.ROOT,
                "Ea = %.4f ± %.4f eV   D0 = %.3e Å²/ps   D(%.0f K) = %.3e Å²/ps  [%.0f%%: %.3e – %.3e]   χ²/dof = %.2f/%d",
                arrhenius.ea(), arrhenius.sigmaEa(), arrhenius.d0(), te, arrhenius.predict(te), 100 * lv, band[0], band[1],
                arrhenius.chi2(), arrhenius.dof()));
    }

    private org.jfree.chart.JFreeChart msdChart(int s) {
        List<String> labels = new ArrayList<>();
        List<MsdResult> m = new ArrayList<>();
        for (Entry e : entries) { labels.add(e.label()); m.add(e.msd()); }
        return AnalysisCharts.msd(labels, m, s, fits[s]);
    }

    private org.jfree.chart.JFreeChart arrChart() {
        return AnalysisCharts.arrhenius(arrhenius, extrapT(), confidence());
    }

    /** Dragging near an edge of the window band moves that edge; the fit follows on release. */
    private void installDrag() {
        ChartCanvas canvas = msdFigure.viewer().getCanvas();
        javafx.scene.Node host = msdFigure.viewer();
        host.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            double[] px = edgesPx(canvas);
            if (px == null) return;
            double x = canvas.sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
            dragEdge = Math.abs(x - px[0]) < 8 ? 0 : Math.abs(x - px[1]) < 8 ? 1 : -1;
            if (dragEdge >= 0) e.consume();
        });
        host.addEventFilter(MouseEvent.MOUSE_MOVED, e -> {
            double[] px = edgesPx(canvas);
            if (px == null) return;
            double x = canvas.sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
            host.setCursor(Math.abs(x - px[0]) < 8 || Math.abs(x - px[1]) < 8 ? javafx.scene.Cursor.H_RESIZE : null);
        });
        host.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            if (dragEdge < 0) return;
            double t = timeAt(canvas, canvas.sceneToLocal(e.getSceneX(), e.getSceneY()).getX());
            if (t > 0) (dragEdge == 0 ? tStart : tEnd).setText(fmt("%.4g", t));
            e.consume();
        });
        host.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragEdge < 0) return;
            dragEdge = -1;
            windowFromFields();
            e.consume();
        });
    }

    private double[] edgesPx(ChartCanvas canvas) {
        if (canvas.getRenderingInfo() == null) return null;
        var area = canvas.getRenderingInfo().getPlotInfo().getDataArea();
        XYPlot plot = canvas.getChart().getXYPlot();
        ValueAxis ax = plot.getDomainAxis();
        int s = selected();
        return new double[] {ax.valueToJava2D(fits[s].tStart(), area, RectangleEdge.BOTTOM),
                ax.valueToJava2D(fits[s].tEnd(), area, RectangleEdge.BOTTOM)};
    }

    private double timeAt(ChartCanvas canvas, double x) {
        var area = canvas.getRenderingInfo().getPlotInfo().getDataArea();
        return canvas.getChart().getXYPlot().getDomainAxis().java2DToValue(x, area, RectangleEdge.BOTTOM);
    }

    /** Screen x (in the MSD canvas) of the start (0) or end (1) edge of the selected run's window; for tests. */
    public double windowEdgeX(int edge) { double[] p = edgesPx(msdFigure.viewer().getCanvas()); return p == null ? Double.NaN : p[edge]; }

    public Einstein.Fit fit(int i) { return fits[i]; }
    public Arrhenius.Fit arrheniusFit() { return arrhenius; }
    public List<Row> rows() { return List.copyOf(table.getItems()); }
    public FigurePane msdFigure() { return msdFigure; }
    public FigurePane arrheniusFigure() { return arrFigure; }
    public List<Entry> entries() { return entries; }
}
