package org.scalebridge.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.scalebridge.io.Formats;
import org.scalebridge.structure.Structure;

/**
 * The minimal studio window: File ▸ Open… (or a file given on the command line) reads a structure on a background
 * thread and shows it in a {@link StructurePane}. The full studio panes have their own issues.
 */
public final class StudioApp extends Application {
    private final StructurePane pane = new StructurePane();
    private Stage stage;

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        MenuItem open = new MenuItem("Open…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseFile());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> Platform.exit());
        MenuBar bar = new MenuBar(new Menu("File", null, open, quit));
        BorderPane root = new BorderPane(pane);
        root.setTop(bar);
        primary.setTitle("ScaleBridge Studio");
        primary.setScene(new Scene(root, 1000, 700));
        primary.show();
        Parameters params = getParameters();   // null when embedded (tests) rather than launched
        List<String> args = params == null ? List.of() : params.getRaw();
        if (!args.isEmpty()) open(Path.of(args.get(0)));
    }

    private void chooseFile() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open structure");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Structures", "*.extxyz", "*.xyz", "*.data", "*.lmp", "*.dump",
                        "*.lammpstrj", "POSCAR*", "*.POSCAR", "CONTCAR*", "XDATCAR*", "OUTCAR*", "vasprun*.xml", "*.vasp",
                        "*.cif", "*.cfg"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File samples = new File("samples/structures");
        if (samples.isDirectory()) fc.setInitialDirectory(samples);
        File f = fc.showOpenDialog(stage);
        if (f != null) open(f.toPath());
    }

    /** The structure view (for embedding and tests). */
    StructurePane pane() { return pane; }

    /** Reads {@code file} off the FX thread, then shows it. */
    void open(Path file) {
        pane.showMessage("Reading " + file + " …");
        Task<Structure> t = new Task<>() {
            @Override protected Structure call() { return Formats.readFirst(file); }
        };
        t.setOnSucceeded(e -> pane.show(t.getValue(), file.getFileName().toString()));
        t.setOnFailed(e -> {
            Throwable ex = t.getException();
            pane.showMessage("Could not open " + file.getFileName());
            Alert a = new Alert(Alert.AlertType.ERROR, ex.getMessage());
            a.setHeaderText("Could not open the structure");
            a.show();
        });
        Thread th = new Thread(t, "open-structure");
        th.setDaemon(true);
        th.start();
    }
}
