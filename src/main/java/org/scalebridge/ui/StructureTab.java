package org.scalebridge.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Locale;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.scalebridge.io.FrameIndex;
import org.scalebridge.ui.viewer.Selection;
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
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.FileChooser;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.structure.Structure;
import org.scalebridge.ui.task.TaskManager;
import org.scalebridge.ui.viewer.AtomViewer;
import org.scalebridge.ui.viewer.ViewerModel;

/**
 * A structure's working pane: the 3D viewer with two tool rows (colour by species or property, Na-only, bonds,
 * polyhedra, replicas n×m×l, slice along a lattice vector, a clip plane, a selection expression, fit, PNG export), a
 * trajectory bar (time slider, play/pause, frame counter, follow-live) and the {@link StructurePane} table. Frames of
 * a trajectory are read on demand through an {@link FrameIndex} (never the whole file), and the viewer model (filters,
 * bonds, polyhedra) is prepared on the background executor; only the finished model touches the FX thread.
 */
public final class StructureTab extends BorderPane {
    private final AtomViewer viewer = new AtomViewer();
    private final StructurePane table = new StructurePane();
    private final TaskManager tm;
    private final ViewerModel.Settings settings = new ViewerModel.Settings();
    private final ComboBox<String> colourBy = new ComboBox<>();
    private final Label pickInfo = new Label("Click an atom to inspect it; Shift+click more atoms to measure distances and angles");
    private final TextField selection = new TextField();
    private final Label selectionMsg = new Label();
    private Structure structure;
    private String name;
    private int builds;
    private Consumer<String> log = s -> {};
    // trajectory playback
    private FrameIndex frames;
    private final HBox playBar = new HBox(8);
    private final ToggleButton play = new ToggleButton("▶");
    private final Slider time = new Slider(0, 0, 0);
    private final Label frameLabel = new Label();
    private final CheckBox follow = new CheckBox("Follow live");
    private final Timeline player;
    private int frame = -1, pendingFrame = -1;
    private boolean loading, building, rebuildPending;
    private double fps = 10;
    private Runnable onFirstFrame = () -> {};

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
        CheckBox poly = new CheckBox("Polyhedra");
        poly.setId("polyhedra");
        poly.setTooltip(new Tooltip("FeC6 and MnN6 octahedra (translucent)"));
        poly.selectedProperty().addListener((o, a, b) -> {
            settings.polyhedra.clear();
            if (b) settings.polyhedra.addAll(List.of("Fe", "Mn"));
            rebuild();
        });
        Spinner<Integer> ra = replicaSpinner(0), rb = replicaSpinner(1), rc = replicaSpinner(2);
        ChoiceBox<String> slice = new ChoiceBox<>(FXCollections.observableArrayList("no slice", "slice ⟂ a", "slice ⟂ b", "slice ⟂ c"));
        slice.setId("slice-axis");
        slice.setValue("no slice");
        Slider pos = new Slider(0, 1, 0.5);
        pos.setPrefWidth(90);
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
        // one clip plane from the toolbar (the model takes any number): normal along x/y/z or a lattice vector
        ChoiceBox<String> clip = new ChoiceBox<>(FXCollections.observableArrayList("no clip", "clip x", "clip y", "clip z", "clip ⟂ (1 1 1)"));
        clip.setId("clip-axis");
        clip.setValue("no clip");
        Slider clipPos = new Slider(0, 1, 0.5);
        clipPos.setPrefWidth(90);
        clipPos.setId("clip-pos");
        CheckBox flip = new CheckBox("flip");
        flip.setId("clip-flip");
        Runnable applyClip = () -> {
            settings.clipPlanes.clear();
            int k = clip.getSelectionModel().getSelectedIndex();
            if (k > 0) {
                double[] n = k == 4 ? new double[] {1, 1, 1} : new double[] {k == 1 ? 1 : 0, k == 2 ? 1 : 0, k == 3 ? 1 : 0};
                double t = clipPos.getValue();
                if (flip.isSelected()) { for (int d = 0; d < 3; d++) n[d] = -n[d]; t = 1 - t; }
                settings.clipPlanes.add(new double[] {n[0], n[1], n[2], t});
            }
            rebuild();
        };
        clip.valueProperty().addListener((o, a, b) -> applyClip.run());
        clipPos.valueChangingProperty().addListener((o, a, b) -> { if (!b) applyClip.run(); });
        clipPos.valueProperty().addListener((o, a, b) -> { if (!clipPos.isValueChanging()) applyClip.run(); });
        flip.selectedProperty().addListener((o, a, b) -> applyClip.run());
        selection.setId("selection");
        selection.setPromptText("select: species == Na && z > 10");
        selection.setPrefColumnCount(18);
        selection.setOnAction(e -> applySelection());
        CheckBox only = new CheckBox("only");
        only.setId("selection-only");
        only.setTooltip(new Tooltip("Show only the selected atoms (otherwise they are highlighted)"));
        only.selectedProperty().addListener((o, a, b) -> { settings.selectionOnly = b; rebuild(); });
        selectionMsg.setId("selection-message");
        selectionMsg.getStyleClass().add("field-hint");
        Button fit = new Button("Fit");
        fit.setOnAction(e -> { viewer.fit(); viewer.setView(30, -20); });
        Button png = new Button("Export PNG…");
        png.setId("export-png");
        png.setOnAction(e -> exportDialog());
        // tool rows wrap instead of hiding controls in an overflow menu when the pane is narrow
        FlowPane bar1 = toolRow(new Label("Colour"), colourBy, naOnly, bonds, poly, vsep(),
                new Label("Replicas"), ra, new Label("×"), rb, new Label("×"), rc, vsep(), fit, png);
        FlowPane bar2 = toolRow(slice, pos, vsep(), clip, clipPos, flip, vsep(), selection, only, selectionMsg);
        pickInfo.setId("pick-info");
        pickInfo.setPadding(new Insets(2, 8, 2, 8));
        viewer.setOnPick(s -> { pickInfo.setText(s.isEmpty() ? "Nothing picked" : s); if (!s.isEmpty()) log.accept(s); });
        // trajectory bar
        play.setId("play");
        play.setTooltip(new Tooltip("Play / pause the trajectory"));
        play.selectedProperty().addListener((o, a, b) -> { play.setText(b ? "⏸" : "▶"); if (b) follow.setSelected(false); });
        time.setId("time-slider");
        time.setBlockIncrement(1);
        time.setMajorTickUnit(1);
        time.setMinorTickCount(0);
        time.setSnapToTicks(true);
        HBox.setHgrow(time, Priority.ALWAYS);
        time.valueProperty().addListener((o, a, b) -> { if (frames != null) requestFrame((int) Math.round(b.doubleValue())); });
        frameLabel.setId("frame-label");
        frameLabel.setMinWidth(150);
        follow.setId("follow-live");
        follow.setVisible(false);
        follow.setManaged(false);
        playBar.setId("play-bar");
        playBar.setAlignment(Pos.CENTER_LEFT);
        playBar.setPadding(new Insets(2, 8, 2, 8));
        playBar.getChildren().addAll(play, time, frameLabel, follow);
        playBar.setVisible(false);
        playBar.setManaged(false);
        player = new Timeline(new KeyFrame(Duration.millis(1000 / fps), e -> advance()));
        player.setCycleCount(Animation.INDEFINITE);
        play.selectedProperty().addListener((o, a, b) -> { if (b) player.play(); else player.stop(); });
        VBox tools = new VBox(bar1, bar2);
        VBox bottom = new VBox(playBar, pickInfo);
        BorderPane top = new BorderPane(viewer);
        top.setTop(tools);
        top.setBottom(bottom);
        BorderPane.setAlignment(pickInfo, Pos.CENTER_LEFT);
        SplitPane split = new SplitPane(top, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.64);
        setCenter(split);
    }

    private static FlowPane toolRow(javafx.scene.Node... nodes) {
        FlowPane f = new FlowPane(6, 4, nodes);
        f.getStyleClass().add("tool-bar");
        f.setPadding(new Insets(4, 8, 4, 8));
        f.setAlignment(Pos.CENTER_LEFT);
        return f;
    }

    private static Separator vsep() { return new Separator(Orientation.VERTICAL); }

    private Spinner<Integer> replicaSpinner(int axis) {
        Spinner<Integer> sp = new Spinner<>(1, 8, 1);
        sp.setId("replicas-" + "abc".charAt(axis));
        sp.setPrefWidth(62);
        sp.setEditable(true);
        sp.valueProperty().addListener((o, a, b) -> { settings.replicas[axis] = b; rebuild(); });
        return sp;
    }

    private void applySelection() {
        String expr = selection.getText();
        if (structure != null && expr != null && !expr.isBlank()) {
            try {
                Selection.compile(expr, structure);
            } catch (RuntimeException ex) {
                selectionMsg.setText(ex.getMessage().replaceFirst("^.*column", "column"));
                selection.setStyle("-fx-border-color: #d9534f;");
                return;
            }
        }
        selection.setStyle("");
        selectionMsg.setText("");
        settings.selection = expr == null || expr.isBlank() ? null : expr;
        rebuild();
    }

    /** Sets the selection expression (as typing it and pressing Enter would). */
    public void select(String expr) { selection.setText(expr); applySelection(); }

    public void setLog(Consumer<String> log) { this.log = log; }

    /** Called once the first frame of a trajectory is shown (the inspector then describes it). */
    public void setOnFirstFrame(Runnable r) { onFirstFrame = r; }

    /** The message next to the selection field (empty when the expression is valid). */
    public String selectionMessage() { return selectionMsg.getText(); }

    /** Shows a structure (FX thread); the viewer model is prepared in the background. */
    public void show(Structure s, String name) {
        boolean first = this.structure == null;
        this.structure = s;
        this.name = name;
        table.show(s, name);
        if (first || colourBy.getItems().isEmpty()) {
            List<String> props = new ArrayList<>();
            props.add("species");
            props.addAll(ViewerModel.propertyNames(s));
            colourBy.getItems().setAll(props);
        }
        rebuild();
    }

    /**
     * Shows the frames of an indexed trajectory with the playback bar (frames are read on demand). {@code live}: the
     * file is still growing (a running job); {@link #refreshFrames()} picks up new frames and "Follow live" jumps to
     * the newest one.
     */
    public void showTrajectory(FrameIndex ix, String name, boolean live) {
        this.frames = ix;
        this.name = name;
        boolean bar = live || ix.size() > 1;
        playBar.setVisible(bar);
        playBar.setManaged(bar);
        follow.setVisible(live);
        follow.setManaged(live);
        follow.setSelected(live);
        time.setMax(Math.max(0, ix.size() - 1));
        if (structure == null && live) table.showMessage(name + ": waiting for the run's first frame…");
        if (ix.size() > 0) requestFrame(live ? ix.size() - 1 : 0);
        updateFrameLabel();
    }

    /** Re-indexes a growing trajectory (new frames appended by a run) and, when following, shows the newest frame. */
    public void refreshFrames() {
        if (frames == null) return;
        FrameIndex ix = frames;
        var t = tm.submitTransient("index " + ix.file().getFileName(), p -> ix.refresh());
        t.setOnSucceeded(e -> {
            int n = t.getValue();
            time.setMax(Math.max(0, n - 1));
            if (follow.isSelected() && n > 0) time.setValue(n - 1);
            else if (frame < 0 && n > 0) requestFrame(0);
            updateFrameLabel();
        });
    }

    private void advance() {
        if (frames == null || loading) return;
        int n = frames.size();
        if (n <= 1) return;
        time.setValue((frame + 1) % n);
    }

    /** Loads frame k in the background (one load in flight; the newest request wins). */
    public void requestFrame(int k) {
        if (frames == null || k < 0) return;
        if (loading) { pendingFrame = k; return; }
        if (k == frame && structure != null) return;
        loading = true;
        FrameIndex ix = frames;
        ViewerModel.Settings copy = settings.copy();
        var t = tm.submitTransient("frame " + (k + 1) + " of " + name, p -> {
            Structure s = ix.frame(k);
            return new Object[] {s, new ViewerModel(s, copy)};
        });
        t.setOnSucceeded(e -> {
            loading = false;
            Structure s = (Structure) t.getValue()[0];
            boolean first = structure == null;
            structure = s;
            frame = k;
            if (first) {
                List<String> props = new ArrayList<>();
                props.add("species");
                props.addAll(ViewerModel.propertyNames(s));
                colourBy.getItems().setAll(props);
            }
            // the atom table shows the frame on screen, also while following a live run or playing: its rows are a
            // view of the structure (O(1) on the FX thread) and only the visible cells re-read their values
            table.show(s, ix.size() > 1 || follow.isSelected() ? name + " · frame " + (k + 1) : name);
            builds++;
            viewer.setModel((ViewerModel) t.getValue()[1]);
            updateFrameLabel();
            if (first) onFirstFrame.run();
            if (pendingFrame >= 0) { int q = pendingFrame; pendingFrame = -1; requestFrame(q); }
        });
        t.setOnFailed(e -> {
            loading = false;
            play.setSelected(false);
            log.accept("could not read frame " + (k + 1) + ": " + t.getException().getMessage());
        });
    }

    private void updateFrameLabel() {
        int n = frames == null ? 0 : frames.size();
        frameLabel.setText(String.format(Locale.ROOT, "frame %d / %d", frame + 1, n));
    }

    private void rebuild() {
        if (structure == null) return;
        if (building) { rebuildPending = true; return; }   // coalesce: live runs and sliders can outpace the builds
        building = true;
        Structure s = structure;
        ViewerModel.Settings copy = settings.copy();
        var t = tm.submitTransient("prepare view: " + name, p -> new ViewerModel(s, copy));
        t.setOnSucceeded(e -> {
            building = false;
            builds++;
            viewer.setModel(t.getValue());
            if (rebuildPending) { rebuildPending = false; rebuild(); }
        });
        t.setOnFailed(e -> {
            building = false;
            log.accept("view: " + t.getException().getMessage());
            if (rebuildPending) { rebuildPending = false; rebuild(); }
        });
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
    public int frame() { return frame; }
    public FrameIndex frames() { return frames; }
    public boolean isPlaying() { return play.isSelected(); }
    public void setPlaying(boolean b) { play.setSelected(b); }
    public Slider timeSlider() { return time; }
    public void setFollowLive(boolean b) { follow.setSelected(b); }
    /** Stops playback (when the tab closes). */
    public void dispose() { play.setSelected(false); player.stop(); if (frames != null) frames.close(); }
    public void refresh() { rebuild(); }
}
