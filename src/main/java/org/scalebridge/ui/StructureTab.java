package org.scalebridge.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.structure.Structure;
import org.scalebridge.ui.task.TaskManager;
import org.scalebridge.ui.viewer.AtomViewer;
import org.scalebridge.ui.viewer.ViewerModel;

/**
 * A structure's working pane: the 3D viewer with its toolbar (colour by species or property, Na-only, slice along a
 * lattice vector, bonds, fit, PNG export) above the {@link StructurePane} table. The viewer model (filters, bonds) is
 * prepared on the background executor; only the finished model touches the FX thread.
 */
public final class StructureTab extends BorderPane {
    private final AtomViewer viewer = new AtomViewer();
    private final StructurePane table = new StructurePane();
    private final TaskManager tm;
    private final ViewerModel.Settings settings = new ViewerModel.Settings();
    private final ComboBox<String> colourBy = new ComboBox<>();
    private final Label pickInfo = new Label("Click an atom to inspect it");
    private Structure structure;
    private String name;
    private int builds;
    private Consumer<String> log = s -> {};

    public StructureTab(TaskManager tm) {
        this.tm = tm;
        setId("structure-tab");
        colourBy.setId("colour-by");
        colourBy.setPromptText("species");
        colourBy.valueProperty().addListener((o, a, b) -> { settings.property = b == null || b.equals("species") ? null : b; rebuild(); });
        CheckBox naOnly = new CheckBox("Na only");
        naOnly.setId("na-only");
        naOnly.selectedProperty().addListener((o, a, b) -> { settings.sodiumOnly = b; rebuild(); });
        CheckBox bonds = new CheckBox("Bonds");
        bonds.setSelected(true);
        bonds.selectedProperty().addListener((o, a, b) -> { settings.bonds = b; rebuild(); });
        ChoiceBox<String> slice = new ChoiceBox<>(FXCollections.observableArrayList("no slice", "slice ⟂ a", "slice ⟂ b", "slice ⟂ c"));
        slice.setId("slice-axis");
        slice.setValue("no slice");
        Slider pos = new Slider(0, 1, 0.5);
        pos.setPrefWidth(110);
        pos.setId("slice-pos");
        Runnable applySlice = () -> {
            int ax = slice.getSelectionModel().getSelectedIndex() - 1;
            settings.sliceAxis = ax;
            settings.sliceLo = Math.max(0, pos.getValue() - 0.1);
            settings.sliceHi = Math.min(1, pos.getValue() + 0.1);
            rebuild();
        };
        slice.valueProperty().addListener((o, a, b) -> applySlice.run());
        pos.valueChangingProperty().addListener((o, a, b) -> { if (!b) applySlice.run(); });
        Button fit = new Button("Fit");
        fit.setOnAction(e -> { viewer.fit(); viewer.setView(30, -20); });
        Button png = new Button("Export PNG…");
        png.setId("export-png");
        png.setOnAction(e -> exportDialog());
        ToolBar bar = new ToolBar(new Label("Colour:"), colourBy, naOnly, bonds, slice, pos, fit, png);
        pickInfo.setId("pick-info");
        pickInfo.setPadding(new Insets(2, 8, 2, 8));
        viewer.setOnPick(s -> { pickInfo.setText(s); log.accept(s); });
        BorderPane top = new BorderPane(viewer);
        top.setTop(bar);
        top.setBottom(pickInfo);
        BorderPane.setAlignment(pickInfo, Pos.CENTER_LEFT);
        SplitPane split = new SplitPane(top, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        setCenter(split);
    }

    public void setLog(Consumer<String> log) { this.log = log; }

    /** Shows a structure (FX thread); the viewer model is prepared in the background. */
    public void show(Structure s, String name) {
        this.structure = s;
        this.name = name;
        table.show(s, name);
        List<String> props = new ArrayList<>();
        props.add("species");
        props.addAll(ViewerModel.propertyNames(s));
        colourBy.getItems().setAll(props);
        rebuild();
    }

    private void rebuild() {
        if (structure == null) return;
        Structure s = structure;
        ViewerModel.Settings copy = copySettings();
        var t = tm.submitTransient("prepare view: " + name, p -> new ViewerModel(s, copy));
        t.setOnSucceeded(e -> { builds++; viewer.setModel(t.getValue()); });
    }

    private ViewerModel.Settings copySettings() {
        ViewerModel.Settings c = new ViewerModel.Settings();
        c.sodiumOnly = settings.sodiumOnly;
        c.sliceAxis = settings.sliceAxis;
        c.sliceLo = settings.sliceLo;
        c.sliceHi = settings.sliceHi;
        c.property = settings.property;
        c.bonds = settings.bonds;
        c.pairCutoffs.putAll(settings.pairCutoffs);
        return c;
    }

    private void exportDialog() {
        TextInputDialog d = new TextInputDialog("2400x1800");
        d.setHeaderText("Image size in pixels (width x height)");
        d.showAndWait().ifPresent(txt -> {
            String[] wh = txt.toLowerCase().split("x");
            try {
                int w = Integer.parseInt(wh[0].trim()), h = Integer.parseInt(wh[1].trim());
                FileChooser fc = new FileChooser();
                fc.setInitialFileName((name == null ? "view" : name.replaceAll("\\.[^.]*$", "")) + ".png");
                File f = fc.showSaveDialog(getScene().getWindow());
                if (f != null) exportPng(f.toPath(), w, h);
            } catch (RuntimeException ex) {
                log.accept("PNG export: give the size as WIDTHxHEIGHT, e.g. 2400x1800 (" + ex.getMessage() + ")");
            }
        });
    }

    /** Writes the current view as a PNG of w × h pixels. */
    public void exportPng(Path file, int w, int h) {
        WritableImage img = viewer.exportImage(w, h);
        var bi = SwingFXUtils.fromFXImage(img, null);
        AtomicFiles.writeBytes(file, out -> javax.imageio.ImageIO.write(bi, "png", out));
        log.accept("exported " + file + " (" + w + "×" + h + ")");
    }

    public AtomViewer viewer() { return viewer; }
    public StructurePane table() { return table; }
    public ViewerModel.Settings settings() { return settings; }
    public Structure structure() { return structure; }
    public int builds() { return builds; }
    public void refresh() { rebuild(); }
}
