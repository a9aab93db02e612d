package org.scalebridge.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.PropertySheet;
import org.scalebridge.io.Formats;
import org.scalebridge.structure.Structure;
import org.scalebridge.ui.project.Project;
import org.scalebridge.ui.project.RecentProjects;
import org.scalebridge.ui.run.RunPane;
import org.scalebridge.ui.run.RunSpec;
import org.scalebridge.ui.run.RunSpecIo;
import org.scalebridge.ui.task.TaskBar;
import org.scalebridge.ui.task.TaskManager;

/**
 * The studio's main window: project tree (left), working panes as tabs (centre), a ControlsFX property sheet
 * inspector (right), the log and the background-task bar (bottom). Projects are folders with a JSON manifest,
 * saved atomically, autosaved every minute when changed, with an unsaved-changes prompt on close; open tabs and the
 * selected item are stored in the manifest and restored on reopen.
 */
public final class MainWindow implements StudioContext {
    private final Stage stage;
    private final TaskManager tasks;
    private final BorderPane root = new BorderPane();
    private final TreeView<Object> tree = new TreeView<>();
    private final TabPane tabs = new TabPane();
    private final PropertySheet inspector = new PropertySheet();
    private final TextArea logArea = new TextArea();
    private final RecentProjects recent;
    private final Map<String, Tab> openByPath = new HashMap<>();
    private Project project;
    private boolean dark = true;
    private final Menu recentMenu = new Menu("Open Recent");
    private final Consumer<String> log = this::appendLog;

    public MainWindow(Stage stage, TaskManager tasks, RecentProjects recent) {
        this.stage = stage;
        this.tasks = tasks;
        this.recent = recent;
        tasks.setLog(log);
        tree.setId("project-tree");
        tree.setShowRoot(true);
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> inspect(b));
        tree.setOnMouseClicked(e -> { if (e.getClickCount() == 2) openSelected(); });
        tree.setOnKeyPressed(e -> { if (e.getCode() == javafx.scene.input.KeyCode.ENTER) openSelected(); });
        tabs.setId("work-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        Tab welcome = new Tab("Welcome", welcome());
        welcome.setClosable(false);
        tabs.getTabs().add(welcome);
        inspector.setId("inspector");
        inspector.setModeSwitcherVisible(false);
        inspector.setSearchBoxVisible(false);
        logArea.setId("log");
        logArea.setEditable(false);
        logArea.setPrefRowCount(6);
        SplitPane centre = new SplitPane(tree, tabs, inspector);
        centre.setDividerPositions(0.17, 0.80);
        SplitPane.setResizableWithParent(tree, false);
        SplitPane.setResizableWithParent(inspector, false);
        TaskBar bar = new TaskBar(tasks);
        VBox bottom = new VBox(bar, logArea);
        SplitPane main = new SplitPane(centre, bottom);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.80);
        root.setCenter(main);
        root.setTop(menus());
        root.setId("main-window");
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight()));
        stage.setScene(scene);
        applyTheme();
        stage.setTitle("ScaleBridge Studio");
        stage.setOnCloseRequest(e -> { if (!confirmDiscard()) e.consume(); });
        Timeline autosave = new Timeline(new KeyFrame(Duration.seconds(60), e -> { if (project != null && project.isDirty()) saveProject(); }));
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();
    }

    private Node welcome() {
        Label l = new Label("ScaleBridge Studio\n\nOpen a project (Ctrl+O) or double-click an item in the project tree.\n"
                + "Structures open in the 3D viewer; runs open in the run panel (Ctrl+R new run, F5 start).");
        l.getStyleClass().add("welcome");
        l.setWrapText(true);
        BorderPane p = new BorderPane(l);
        return p;
    }

    private MenuBar menus() {
        MenuItem open = item("Open Project…", "Shortcut+O", this::chooseProject);
        MenuItem newP = item("New Project…", "Shortcut+N", this::newProject);
        MenuItem save = item("Save Project", "Shortcut+S", this::saveProject);
        MenuItem openS = item("Open Structure File…", "Shortcut+Shift+O", this::chooseStructure);
        MenuItem close = item("Close Tab", "Shortcut+W", () -> {
            Tab t = tabs.getSelectionModel().getSelectedItem();
            if (t != null && t.isClosable()) closeTab(t);
        });
        MenuItem quit = item("Quit", "Shortcut+Q", () -> { if (confirmDiscard()) stage.close(); });
        Menu file = new Menu("File", null, newP, open, recentMenu, save, new SeparatorMenuItem(), openS, close, new SeparatorMenuItem(), quit);
        refreshRecent();
        MenuItem newRun = item("New Run…", "Shortcut+R", this::newRun);
        MenuItem startRun = item("Start Run", "F5", () -> currentRun().ifPresent(r -> r.start(false)));
        MenuItem stopRun = item("Stop Run", "Shift+F5", () -> currentRun().ifPresent(RunPane::stop));
        MenuItem liveRun = item("Show Live Structure", "Shortcut+L", () -> currentRun().ifPresent(this::showLive));
        MenuItem pauseRun = item("Pause / Continue Run", "F6", () -> currentRun().ifPresent(r -> { if (r.isPaused()) r.resumePaused(); else r.pause(); }));
        MenuItem resumeRun = item("Resume Run from Checkpoint", "Shortcut+F5", () -> currentRun().ifPresent(r -> r.start(true)));
        Menu run = new Menu("Run", null, newRun, startRun, pauseRun, stopRun, resumeRun, liveRun);
        CheckMenuItem darkItem = new CheckMenuItem("Dark Theme");
        darkItem.setSelected(dark);
        darkItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+T"));
        darkItem.setOnAction(e -> { dark = darkItem.isSelected(); applyTheme(); });
        Menu view = new Menu("View", null, darkItem);
        DefaultPanes.registerAll();
        Menu panes = new Menu("Panes");
        panes.setOnShowing(e -> {
            panes.getItems().clear();
            PaneRegistry.panes().forEach((title, f) -> {
                MenuItem mi = new MenuItem(title);
                mi.setOnAction(ev -> openTab(title, "pane:" + title, f.apply(this)));
                panes.getItems().add(mi);
            });
            if (panes.getItems().isEmpty()) { MenuItem none = new MenuItem("(no analysis panes registered)"); none.setDisable(true); panes.getItems().add(none); }
        });
        PaneRegistry.panes().keySet().forEach(t -> panes.getItems().add(new MenuItem(t)));
        return new MenuBar(file, view, run, panes);
    }

    private static MenuItem item(String text, String keys, Runnable r) {
        MenuItem m = new MenuItem(text);
        if (keys != null) m.setAccelerator(KeyCombination.keyCombination(keys));
        m.setOnAction(e -> r.run());
        return m;
    }

    private java.util.Optional<RunPane> currentRun() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t != null && t.getContent() instanceof RunPane r ? java.util.Optional.of(r) : java.util.Optional.empty();
    }

    /** Applies the dark or light stylesheet. */
    public void applyTheme() {
        Scene s = stage.getScene();
        s.getStylesheets().setAll(getClass().getResource("studio-base.css").toExternalForm(),
                getClass().getResource(dark ? "studio-dark.css" : "studio-light.css").toExternalForm());
    }

    public void setDark(boolean d) { dark = d; applyTheme(); }

    private void appendLog(String line) {
        String ts = java.time.LocalTime.now().withNano(0).toString();
        logArea.appendText((logArea.getLength() > 0 ? "\n" : "") + ts + "  " + line.replace("\n", "\n" + ts + "  "));
        if (logArea.getLength() > 200_000) logArea.deleteText(0, logArea.getLength() - 150_000);
    }

    // ---------------------------------------------------------------- projects

    /** Opens a project folder (FX thread). */
    public void openProject(Path dir) {
        try {
            Project p = Project.open(dir);
            if (project != null && !confirmDiscard()) return;
            closeAllTabs();
            project = p;
            recent.add(p.dir());
            refreshRecent();
            rebuildTree();
            stage.setTitle("ScaleBridge Studio — " + p.name() + " (" + p.dir() + ")");
            log.accept("opened project " + p.name() + " from " + p.dir());
            for (String path : List.copyOf(p.manifest().openTabs)) {
                p.manifest().items.stream().filter(it -> it.path.equals(path)).findFirst().ifPresent(this::openItem);
            }
            if (p.manifest().selected != null) selectPath(p.manifest().selected);
        } catch (RuntimeException e) {
            error("Could not open the project", e.getMessage());
        }
    }

    private void selectPath(String path) {
        for (TreeItem<Object> cat : tree.getRoot().getChildren())
            for (TreeItem<Object> ti : cat.getChildren())
                if (ti.getValue() instanceof Project.Item it && it.path.equals(path)) tree.getSelectionModel().select(ti);
    }

    /** Saves the project manifest (with the open tabs and selection) atomically. */
    public void saveProject() {
        if (project == null) return;
        project.manifest().openTabs.clear();
        for (Tab t : tabs.getTabs()) if (t.getUserData() instanceof String s && !s.startsWith("pane:") && !s.startsWith("file:") && !s.startsWith("live:")) project.manifest().openTabs.add(s);
        TreeItem<Object> sel = tree.getSelectionModel().getSelectedItem();
        project.manifest().selected = sel != null && sel.getValue() instanceof Project.Item it ? it.path : null;
        for (Tab t : tabs.getTabs()) if (t.getContent() instanceof RunPane r) r.save();
        project.save();
        log.accept("saved project " + project.dir().resolve(Project.MANIFEST));
    }

    private void chooseProject() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open project folder");
        File f = dc.showDialog(stage);
        if (f != null) openProject(f.toPath());
    }

    private void newProject() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Folder for the new project");
        File f = dc.showDialog(stage);
        if (f == null) return;
        Project p = Project.create(f.toPath(), f.getName());
        p.save();
        openProject(f.toPath());
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path p : recent.list()) {
            MenuItem m = new MenuItem(p.toString());
            m.setOnAction(e -> openProject(p));
            recentMenu.getItems().add(m);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private boolean confirmDiscard() {
        if (project == null || !project.isDirty()) return true;
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Save the changes to project " + project.name() + "?",
                ButtonType.YES, ButtonType.NO, ButtonType.CANCEL);
        a.setHeaderText("Unsaved changes");
        var r = a.showAndWait().orElse(ButtonType.CANCEL);
        if (r == ButtonType.YES) saveProject();
        return r != ButtonType.CANCEL;
    }

    private void rebuildTree() {
        TreeItem<Object> rootItem = new TreeItem<>(project.name());
        rootItem.setExpanded(true);
        String[] titles = {"Structures", "Potentials", "Datasets", "Runs", "Results"};
        Project.Kind[] kinds = Project.Kind.values();
        for (int k = 0; k < kinds.length; k++) {
            TreeItem<Object> cat = new TreeItem<>(titles[k]);
            cat.setExpanded(true);
            for (Project.Item it : project.items(kinds[k])) cat.getChildren().add(new TreeItem<>(it));
            rootItem.getChildren().add(cat);
        }
        tree.setRoot(rootItem);
    }

    private void inspect(TreeItem<Object> ti) {
        ObservableList<PropertySheet.Item> items = FXCollections.observableArrayList();
        if (ti != null && ti.getValue() instanceof Project.Item it) {
            items.add(new InfoItem("Item", "Name", it.name));
            items.add(new InfoItem("Item", "Kind", it.kind.toString().toLowerCase(Locale.ROOT)));
            items.add(new InfoItem("Item", "Path", it.path));
            items.add(new InfoItem("Item", "Description", it.description));
            Path f = project.resolve(it);
            try { items.add(new InfoItem("File", "Size", Files.exists(f) ? Files.size(f) + " bytes" : "missing")); } catch (java.io.IOException ignored) { }
            Tab t = openByPath.get(it.path);
            if (t != null && t.getContent() instanceof StructureTab st && st.structure() != null) {
                Structure s = st.structure();
                items.add(new InfoItem("Structure", "Atoms", Integer.toString(s.size())));
                items.add(new InfoItem("Structure", "Formula", s.formula()));
                double[] p = s.cell().parameters();
                items.add(new InfoItem("Structure", "Cell", String.format(Locale.ROOT, "%.3f %.3f %.3f Å  %.2f %.2f %.2f°", p[0], p[1], p[2], p[3], p[4], p[5])));
                items.add(new InfoItem("Structure", "Volume", String.format(Locale.ROOT, "%.2f Å³", s.cell().volume())));
            }
        } else if (project != null) {
            items.add(new InfoItem("Project", "Name", project.name()));
            items.add(new InfoItem("Project", "Folder", project.dir().toString()));
            items.add(new InfoItem("Project", "Items", Integer.toString(project.manifest().items.size())));
            items.add(new InfoItem("Project", "Description", project.manifest().description));
        }
        inspector.getItems().setAll(items);
    }

    private void openSelected() {
        TreeItem<Object> ti = tree.getSelectionModel().getSelectedItem();
        if (ti != null && ti.getValue() instanceof Project.Item it) openItem(it);
    }

    /** Opens a project item in a tab (or selects its tab). */
    public void openItem(Project.Item it) {
        Tab existing = openByPath.get(it.path);
        if (existing != null) { tabs.getSelectionModel().select(existing); return; }
        Path f = project.resolve(it);
        switch (it.kind) {
            case STRUCTURE -> openStructure(f, it.name, it.path);
            case RUN -> openRun(f, it);
            default -> {
                TextArea ta = new TextArea();
                ta.setEditable(false);
                try { ta.setText(Files.size(f) < 2_000_000 ? Files.readString(f) : "(large file: " + Files.size(f) + " bytes)"); }
                catch (Exception e) { ta.setText("Could not read " + f + ": " + e.getMessage()); }
                openTab(it.name, it.path, ta);
            }
        }
    }

    private Tab openTab(String title, String key, Node content) {
        Tab t = new Tab(title, content);
        t.setUserData(key);
        t.setOnClosed(e -> { openByPath.remove(key); if (content instanceof RunPane r) r.dispose(); if (content instanceof StructureTab s) s.dispose(); if (project != null) project.markDirty(); });
        tabs.getTabs().add(t);
        tabs.getSelectionModel().select(t);
        openByPath.put(key, t);
        if (project != null && !key.contains(":")) project.markDirty();
        return t;
    }

    private Tab findTab(Node content) {
        for (Tab t : tabs.getTabs()) if (t.getContent() == content) return t;
        return null;
    }

    private void closeTab(Tab t) {
        tabs.getTabs().remove(t);
        if (t.getOnClosed() != null) t.getOnClosed().handle(null);
    }

    private void closeAllTabs() {
        for (Tab t : List.copyOf(tabs.getTabs())) if (t.isClosable()) closeTab(t);
    }

    /** Opens a structure file in a viewer tab; the file is read on the background executor. */
    public StructureTab openStructure(Path file, String title, String key) {
        StructureTab st = new StructureTab(tasks);
        st.setLog(log);
        st.table().showMessage("Reading " + file + " …");
        openTab(title, key, st);
        // index the frames once (byte offsets), then read frames on demand: a 10-GB trajectory is never loaded whole
        var t = tasks.submitTransient("index " + file.getFileName(), p -> org.scalebridge.io.FrameIndex.open(file));
        t.setOnSucceeded(e -> {
            var ix = t.getValue();
            if (ix.size() == 0) { st.table().showMessage("No frames in " + file.getFileName()); return; }
            st.setOnFirstFrame(() -> inspect(tree.getSelectionModel().getSelectedItem()));
            st.showTrajectory(ix, file.getFileName().toString(), false);
            if (ix.size() > 1) log.accept(file.getFileName() + ": " + ix.size() + " frames indexed" + (ix.seekable() ? "" : " (sequential access)"));
        });
        t.setOnFailed(e -> {
            st.table().showMessage("Could not open " + file.getFileName());
            log.accept("could not open " + file + ": " + t.getException().getMessage());
        });
        return st;
    }

    private void chooseStructure() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open structure");
        File f = fc.showOpenDialog(stage);
        if (f != null) openStructure(f.toPath(), f.getName(), "file:" + f.getAbsolutePath());
    }

    private RunPane openRun(Path file, Project.Item it) {
        RunSpec spec = RunSpecIo.read(file);
        // the run hands over a copy of its structure at most once a second; an open live tab (Run ▸ Show Live
        // Structure) follows it. Opening the tab is the user's choice: building it costs a few FX-thread pulses.
        RunPane[] self = new RunPane[1];
        RunPane rp = new RunPane(file, spec, tasks, s -> javafx.application.Platform.runLater(() -> {
            Tab live = openByPath.get("live:" + it.path);
            if (live != null && live.getContent() instanceof StructureTab st) followLive(st, self[0]);
        }));
        self[0] = rp;
        openTab(it.name, it.path, rp);
        return rp;
    }

    /** Opens (in the background, keeping the run selected) a viewer tab that follows the run's live structure. */
    public StructureTab showLive(RunPane rp) {
        String key = "live:" + project.dir().relativize(rp.file().toAbsolutePath()).toString().replace('\\', '/');
        Tab existing = openByPath.get(key);
        if (existing != null) return (StructureTab) existing.getContent();
        StructureTab st = new StructureTab(tasks);
        st.setLog(log);
        st.table().showMessage("Waiting for the run's structure…");
        Tab cur = tabs.getSelectionModel().getSelectedItem();
        openTab(rp.file().getFileName() + " (live)", key, st);
        tabs.getSelectionModel().select(cur);
        followLive(st, rp);
        return st;
    }

    private final java.util.Set<StructureTab> attaching = new java.util.HashSet<>();

    /**
     * Lets a live tab follow its run: the run appends a frame to its frames file at the form's refresh interval; the
     * tab indexes the file once and then only the new frames, shows the newest (Follow live) and can scrub back.
     */
    private void followLive(StructureTab st, RunPane rp) {
        if (st.frames() != null) { st.refreshFrames(); return; }
        Path f = rp.framesFile();
        if (!java.nio.file.Files.exists(f) || !attaching.add(st)) return;
        var t = tasks.submitTransient("index " + f.getFileName(), p -> org.scalebridge.io.FrameIndex.open(f));
        t.setOnSucceeded(e -> { attaching.remove(st); st.showTrajectory(t.getValue(), rp.file().getFileName() + " (live)", true); });
        t.setOnFailed(e -> attaching.remove(st));
    }

    private void newRun() {
        if (project == null) { error("No project", "Open or create a project first."); return; }
        int n = project.items(Project.Kind.RUN).size() + 1;
        String name = "run-" + n;
        Path f = project.dir().resolve("runs").resolve(name + ".toml");
        RunSpec spec = new RunSpec();
        List<Project.Item> st = project.items(Project.Kind.STRUCTURE);
        if (!st.isEmpty()) spec.structureFile = "../" + st.get(0).path;
        spec.outputDir = name + "-out";
        org.scalebridge.core.AtomicFiles.writeString(f, spec.toToml());
        Project.Item it = project.add(Project.Kind.RUN, name, f, "GCMC–MD run");
        rebuildTree();
        openItem(it);
    }

    private void error(String head, String text) {
        log.accept(head + ": " + text);
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.setHeaderText(head);
        a.show();
    }

    // ---------------------------------------------------------------- StudioContext

    @Override public Project project() { return project; }
    @Override public TaskManager tasks() { return tasks; }
    @Override public Consumer<String> log() { return log; }

    public Stage stage() { return stage; }
    public TabPane tabs() { return tabs; }
    public TreeView<Object> tree() { return tree; }
    public PropertySheet inspector() { return inspector; }
    public TextArea logArea() { return logArea; }

    /** A read-only inspector row. */
    static final class InfoItem implements PropertySheet.Item {
        private final String category, name, value;
        InfoItem(String category, String name, String value) { this.category = category; this.name = name; this.value = value == null ? "" : value; }
        @Override public Class<?> getType() { return String.class; }
        @Override public String getCategory() { return category; }
        @Override public String getName() { return name; }
        @Override public String getDescription() { return name; }
        @Override public Object getValue() { return value; }
        @Override public void setValue(Object v) { }
        @Override public java.util.Optional<javafx.beans.value.ObservableValue<? extends Object>> getObservableValue() { return java.util.Optional.empty(); }
        @Override public boolean isEditable() { return false; }
    }
}
