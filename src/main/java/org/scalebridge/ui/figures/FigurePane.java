package org.scalebridge.ui.figures;

import java.io.File;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.scalebridge.figures.FigureExport;
import org.scalebridge.figures.FigureSettings;
import org.scalebridge.figures.FigureStyle;

/**
 * One figure: the JFreeChart on screen (ChartViewer, zoom/pan) with editable title and axis labels (units), the
 * paper preset, font size / line width / DPI, and export of the same chart object to PNG/SVG/PDF plus its data as
 * CSV and its settings as JSON so it can be re-made.
 */
public class FigurePane extends BorderPane {
    private final ChartViewer viewer;
    private JFreeChart chart;
    private FigureSettings settings;
    private final TextField title = new TextField(), xLabel = new TextField(), yLabel = new TextField();
    private final Spinner<Integer> dpi = new Spinner<>(72, 1200, 300, 50);
    private final Spinner<Double> font = new Spinner<>(5.0, 24.0, 8.0, 0.5), line = new Spinner<>(0.25, 4.0, 1.0, 0.25);
    private final CheckBox logX = new CheckBox("log x"), logY = new CheckBox("log y");
    private final Label status = new Label();
    private boolean updating;

    public FigurePane(JFreeChart chart, FigureSettings settings) {
        this.chart = chart;
        this.settings = settings;
        viewer = new ChartViewer(chart);
        viewer.setMinSize(200, 150);
        setCenter(viewer);
        title.setPromptText("title"); xLabel.setPromptText("x label (unit)"); yLabel.setPromptText("y label (unit)");
        title.setPrefColumnCount(14); xLabel.setPrefColumnCount(12); yLabel.setPrefColumnCount(12);
        dpi.setPrefWidth(80); font.setPrefWidth(75); line.setPrefWidth(75);
        dpi.setEditable(true); font.setEditable(true); line.setEditable(true);
        Button paper = new Button("Paper style");
        paper.setTooltip(new Tooltip("3.5 in column, 300 dpi, 7–9 pt fonts, 1 pt lines, Okabe–Ito colours"));
        paper.setOnAction(e -> { FigureSettings p = FigureSettings.paper(title.getText(), xLabel.getText(), yLabel.getText());
            p.logX = logX.isSelected(); p.logY = logY.isSelected(); setSettings(p); });
        Button export = new Button("Export…");
        export.setId("exportFigure");
        export.setOnAction(e -> chooseAndExport());
        for (TextField f : new TextField[] {title, xLabel, yLabel}) f.setOnAction(e -> readForm());
        title.focusedProperty().addListener((o, a, b) -> { if (!b) readForm(); });
        xLabel.focusedProperty().addListener((o, a, b) -> { if (!b) readForm(); });
        yLabel.focusedProperty().addListener((o, a, b) -> { if (!b) readForm(); });
        dpi.valueProperty().addListener((o, a, b) -> readForm());
        font.valueProperty().addListener((o, a, b) -> readForm());
        line.valueProperty().addListener((o, a, b) -> readForm());
        logX.selectedProperty().addListener((o, a, b) -> readForm());
        logY.selectedProperty().addListener((o, a, b) -> readForm());
        FlowPane bar = new FlowPane(6, 4, title, xLabel, yLabel, logX, logY, new Label("font pt"), font,
                new Label("line pt"), line, new Label("dpi"), dpi, paper, export, status);
        bar.setPadding(new Insets(4));
        setBottom(bar);
        setSettings(settings);
    }

    /** Replaces the chart (e.g. after recomputation) keeping the current settings. */
    public void setChart(JFreeChart c) {
        this.chart = c;
        viewer.setChart(c);
        applyToScreen();
    }

    public JFreeChart chart() { return chart; }
    public FigureSettings settings() { return settings.copy(); }
    public ChartViewer viewer() { return viewer; }

    public void setSettings(FigureSettings s) {
        settings = s.copy();
        updating = true;
        title.setText(s.title); xLabel.setText(s.xLabel); yLabel.setText(s.yLabel);
        dpi.getValueFactory().setValue(s.dpi);
        font.getValueFactory().setValue((double) s.labelFontPt);
        line.getValueFactory().setValue((double) s.lineWidthPt);
        logX.setSelected(s.logX); logY.setSelected(s.logY);
        updating = false;
        applyToScreen();
    }

    private void readForm() {
        if (updating) return;
        settings.title = title.getText(); settings.xLabel = xLabel.getText(); settings.yLabel = yLabel.getText();
        settings.dpi = dpi.getValue();
        float f = font.getValue().floatValue();
        settings.labelFontPt = f; settings.tickFontPt = f - 1; settings.titleFontPt = f + 1;
        settings.lineWidthPt = line.getValue().floatValue();
        settings.logX = logX.isSelected(); settings.logY = logY.isSelected();
        applyToScreen();
    }

    /** On screen the same chart is shown with fonts scaled for a monitor; exports use the exact settings. */
    private void applyToScreen() {
        FigureSettings scr = settings.copy();
        scr.titleFontPt = settings.titleFontPt * 1.6f; scr.labelFontPt = settings.labelFontPt * 1.6f;
        scr.tickFontPt = settings.tickFontPt * 1.6f; scr.lineWidthPt = settings.lineWidthPt * 1.5f;
        FigureStyle.apply(chart, scr);
    }

    /** Exports PNG, SVG, PDF, CSV and the settings JSON under {@code base} (no extension); returns the PNG. */
    public Path exportAll(Path base) throws java.io.IOException {
        FigureStyle.apply(chart, settings);
        try {
            Path p = FigureExport.all(chart, settings, base);
            status.setText("exported " + base.getFileName() + ".{png,svg,pdf,csv,figure.json}");
            return p;
        } finally {
            applyToScreen();
        }
    }

    private void chooseAndExport() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export figure (PNG, SVG, PDF, CSV and settings)");
        fc.setInitialFileName(settings.title == null || settings.title.isBlank() ? "figure" : settings.title.replaceAll("[^A-Za-z0-9_-]+", "_"));
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) return;
        String base = f.getPath().replaceFirst("\\.(png|svg|pdf|csv)$", "");
        try { exportAll(Path.of(base)); }
        catch (Exception ex) { status.setText("Export failed: " + ex.getMessage()); }
    }
}
