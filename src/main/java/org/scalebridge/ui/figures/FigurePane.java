package org.scalebridge.ui.figures;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.scalebridge.figures.FigureExport;
import org.scalebridge.figures.FigureSettings;
import org.scalebridge.figures.FigureStore;
import org.scalebridge.figures.FigureStyle;

/**
 * One figure: the JFreeChart on screen (ChartViewer, zoom/pan) with its export settings — title, axis labels (with
 * units), log axes, font size, line width, palette, size in inches, DPI and formats — and export of the same chart
 * object to PNG/SVG/PDF plus its data as CSV and the settings as JSON. With a {@link FigureStore} the settings live in
 * the project ({@code figures/<id>.figure.json}) and are saved on every change, so "Re-export" re-makes the figure
 * with the same look after a rerun.
 */
public class FigurePane extends BorderPane {
    private final ChartViewer viewer;
    private JFreeChart chart;
    private FigureSettings settings;
    private final FigureStore store;
    private final String id;
    private final TextField title = new TextField(), xLabel = new TextField(), yLabel = new TextField();
    private final Spinner<Integer> dpi = new Spinner<>(72, 1200, 300, 50);
    private final Spinner<Double> font = new Spinner<>(5.0, 24.0, 8.0, 0.5), line = new Spinner<>(0.25, 4.0, 1.0, 0.25),
            width = new Spinner<>(1.0, 14.0, 3.5, 0.25), height = new Spinner<>(1.0, 14.0, 2.6, 0.25);
    private final ComboBox<String> palette = new ComboBox<>();
    private final CheckBox logX = new CheckBox("log x"), logY = new CheckBox("log y");
    private final CheckBox[] formats = {new CheckBox("PNG"), new CheckBox("SVG"), new CheckBox("PDF"), new CheckBox("CSV")};
    private static final String[] FORMAT_KEYS = {"png", "svg", "pdf", "csv"};
    private final Button reexport = new Button("Re-export");
    private final Label status = new Label();
    private boolean updating;

    public FigurePane(JFreeChart chart, FigureSettings settings) { this(chart, settings, FigureStore.none(), "figure"); }

    /** @param defaults used when the store holds no settings for {@code id} */
    public FigurePane(JFreeChart chart, FigureSettings defaults, FigureStore store, String id) {
        this.chart = chart;
        this.store = store;
        this.id = id;
        this.settings = store.load(id, defaults);
        viewer = new ChartViewer(chart);
        viewer.setMinSize(200, 150);
        setCenter(viewer);
        title.setPromptText("title"); xLabel.setPromptText("x label (unit)"); yLabel.setPromptText("y label (unit)");
        title.setPrefColumnCount(12); xLabel.setPrefColumnCount(12); yLabel.setPrefColumnCount(12);
        for (Spinner<?> s : new Spinner<?>[] {dpi, font, line, width, height}) { s.setPrefWidth(78); s.setEditable(true); }
        palette.getItems().addAll("okabe-ito", "tol-bright", "grayscale");
        palette.setTooltip(new Tooltip("okabe-ito and tol-bright are colour-blind safe; grayscale for monochrome print"));
        Button paper = new Button("Paper style");
        paper.setTooltip(new Tooltip("3.5 × 2.6 in single column, 300 dpi, 7–9 pt fonts, 1 pt lines, Okabe–Ito colours"));
        paper.setOnAction(e -> { FigureSettings p = FigureSettings.paper(title.getText(), xLabel.getText(), yLabel.getText());
            p.logX = logX.isSelected(); p.logY = logY.isSelected(); p.lastExport = settings.lastExport; setSettings(p); });
        Button export = new Button("Export…");
        export.setId("exportFigure");
        export.setTooltip(new Tooltip("PNG (chosen dpi), SVG, PDF, the data as CSV and these settings as JSON"));
        export.setOnAction(e -> chooseAndExport());
        reexport.setTooltip(new Tooltip("Export again to the last files with the saved settings (after a rerun)"));
        reexport.setOnAction(e -> reexport());
        ToggleButton more = new ToggleButton("Style ▾");
        more.setId("figureStyleToggle");
        for (TextField f : new TextField[] {title, xLabel, yLabel}) {
            f.setOnAction(e -> readForm());
            f.focusedProperty().addListener((o, a, b) -> { if (!b) readForm(); });
        }
        for (Spinner<?> s : new Spinner<?>[] {dpi, font, line, width, height}) s.valueProperty().addListener((o, a, b) -> readForm());
        palette.valueProperty().addListener((o, a, b) -> readForm());
        logX.selectedProperty().addListener((o, a, b) -> readForm());
        logY.selectedProperty().addListener((o, a, b) -> readForm());
        for (CheckBox c : formats) c.selectedProperty().addListener((o, a, b) -> readForm());
        FlowPane style = new FlowPane(6, 4, title, xLabel, yLabel, logX, logY, new Label("font pt"), font, new Label("line pt"), line,
                new Label("palette"), palette, new Label("size in"), width, new Label("×"), height, new Label("dpi"), dpi,
                formats[0], formats[1], formats[2], formats[3]);
        style.setPadding(new Insets(2, 4, 4, 4));
        style.visibleProperty().bind(more.selectedProperty());
        style.managedProperty().bind(more.selectedProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        status.setStyle("-fx-text-fill: #555555;");
        HBox bar = new HBox(6, more, paper, export, reexport, grow, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 4, 3, 4));
        setBottom(new VBox(bar, style));
        show(settings); // opening a figure writes nothing; the first change saves it
    }

    /** Replaces the chart (e.g. after recomputation) keeping the current settings. */
    public void setChart(JFreeChart c) {
        this.chart = c;
        applyToScreen(); // style before the first draw, which would fix JFreeChart's default series colours
        viewer.setChart(c);
    }

    public JFreeChart chart() { return chart; }
    public FigureSettings settings() { return settings.copy(); }
    public ChartViewer viewer() { return viewer; }
    public String figureId() { return id; }
    public FigureStore store() { return store; }

    /** Replaces the settings (e.g. the paper preset) and saves them in the project. */
    public void setSettings(FigureSettings s) {
        show(s);
        store.save(id, settings);
    }

    private void show(FigureSettings s) {
        settings = s.copy();
        updating = true;
        title.setText(s.title); xLabel.setText(s.xLabel); yLabel.setText(s.yLabel);
        dpi.getValueFactory().setValue(s.dpi);
        font.getValueFactory().setValue((double) s.labelFontPt);
        line.getValueFactory().setValue((double) s.lineWidthPt);
        width.getValueFactory().setValue(s.widthInches);
        height.getValueFactory().setValue(s.heightInches);
        palette.setValue(s.palette);
        logX.setSelected(s.logX); logY.setSelected(s.logY);
        for (int i = 0; i < formats.length; i++) formats[i].setSelected(s.formats == null || s.formats.contains(FORMAT_KEYS[i]));
        updating = false;
        reexport.setDisable(s.lastExport == null || s.lastExport.isBlank());
        applyToScreen();
    }

    private void readForm() {
        if (updating) return;
        settings.title = title.getText(); settings.xLabel = xLabel.getText(); settings.yLabel = yLabel.getText();
        settings.dpi = dpi.getValue();
        float f = font.getValue().floatValue();
        settings.labelFontPt = f; settings.tickFontPt = f - 1; settings.titleFontPt = f + 1;
        settings.lineWidthPt = line.getValue().floatValue();
        settings.widthInches = width.getValue(); settings.heightInches = height.getValue();
        settings.palette = palette.getValue() == null ? "okabe-ito" : palette.getValue();
        settings.logX = logX.isSelected(); settings.logY = logY.isSelected();
        List<String> fm = new ArrayList<>();
        for (int i = 0; i < formats.length; i++) if (formats[i].isSelected()) fm.add(FORMAT_KEYS[i]);
        settings.formats = fm;
        store.save(id, settings);
        applyToScreen();
    }

    /** On screen the same chart is shown with fonts scaled for a monitor; exports use the exact settings. */
    private void applyToScreen() {
        FigureSettings scr = settings.copy();
        scr.titleFontPt = settings.titleFontPt * 1.5f; scr.labelFontPt = settings.labelFontPt * 1.5f;
        scr.tickFontPt = settings.tickFontPt * 1.5f; scr.lineWidthPt = settings.lineWidthPt * 1.4f;
        FigureStyle.apply(chart, scr);
    }

    /**
     * Exports the selected formats, CSV data and the settings JSON under {@code base} (no extension), records it as
     * the figure's last export in the project, and returns the PNG path (or the first file written).
     */
    public Path exportAll(Path base) throws java.io.IOException {
        FigureStyle.apply(chart, settings);
        try {
            settings.lastExport = store.relativize(base);
            List<Path> files = FigureExport.all(chart, settings, base);
            store.save(id, settings);
            reexport.setDisable(false);
            status.setText("exported " + base.getFileName() + " (" + String.join(", ", settings.formats) + ")");
            for (Path p : files) if (p.toString().endsWith(".png")) return p;
            return files.get(0);
        } finally {
            applyToScreen();
        }
    }

    /** Re-makes the last export (same files, saved settings); returns null if the figure was never exported. */
    public Path reexport() {
        if (settings.lastExport == null || settings.lastExport.isBlank()) { status.setText("not exported yet"); return null; }
        try { return exportAll(store.resolve(settings.lastExport)); }
        catch (Exception ex) { status.setText("Export failed: " + ex.getMessage()); return null; }
    }

    private void chooseAndExport() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export figure (PNG, SVG, PDF, CSV and settings)");
        if (store.folder() != null) {
            File d = store.folder().toFile();
            if (d.isDirectory() || d.mkdirs()) fc.setInitialDirectory(d);
        }
        fc.setInitialFileName(settings.title == null || settings.title.isBlank() ? id : settings.title.replaceAll("[^A-Za-z0-9_-]+", "_"));
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) return;
        String base = f.getPath().replaceFirst("\\.(png|svg|pdf|csv)$", "");
        try { exportAll(Path.of(base)); }
        catch (Exception ex) { status.setText("Export failed: " + ex.getMessage()); }
    }
}
