package org.scalebridge.ui.analysis;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.scalebridge.analysis.Arrhenius;
import org.scalebridge.analysis.Einstein;
import org.scalebridge.analysis.Msd;
import org.scalebridge.analysis.MsdResult;
import org.scalebridge.core.Progress;
import org.scalebridge.figures.AnalysisCharts;
import org.scalebridge.figures.FigureSettings;
import org.scalebridge.figures.FigureStore;
import org.scalebridge.figures.SampleTrajectories;
import org.scalebridge.ui.figures.FigurePane;

/**
 * MSD and Arrhenius pane. Trajectories (from the project's {@code trajectories/} and {@code runs/} folders or any
 * file: LAMMPS dump, extended XYZ, XDATCAR, …) are listed with their composition, species, temperature and time step
 * (editable); "Compute MSD" reads them and runs the engine's all-origins MSD on a background task. Shown: MSD curves
 * (log–log or linear) of the selected run's composition with the Einstein fit window drawn as a band whose edges
 * can be dragged (or typed); D ± σ per run; the Arrhenius plot (log10 D vs 1000/T) with one weighted fit per
 * composition, Ea ± σ, D0 and the extrapolation to a chosen temperature with its confidence band; tables of all
 * numbers. Everything is recomputed by the engine ({@link Einstein}, {@link Arrhenius}) when a window changes.
 */
public class MsdArrheniusPane extends BorderPane {
    /** One run: label, composition (one Arrhenius line each), temperature (K) and its MSD (Å², ps). */
    public record Entry(String label, String composition, double temperature, MsdResult msd) {
        public Entry(String label, double temperature, MsdResult msd) { this(label, "all", temperature, msd); }
    }

    /** Per-run table row. */
    public record Row(String run, String composition, double temperature, double d, double sigmaD, double tStart, double tEnd, String window) {}

    /** Per-composition Arrhenius row (NaN where the composition has fewer than two temperatures). */
    public record ArrheniusRow(String composition, int runs, double ea, double sigmaEa, double d0, double tExtrap, double dExtrap,
                               double bandLow, double bandHigh, double chi2, int dof) {}

    private List<Entry> entries = List.of();
    private Einstein.Fit[] fits = new Einstein.Fit[0];
    private final Map<String, Arrhenius.Fit> arrhenius = new LinkedHashMap<>();
    private final ComboBox<String> runBox = new ComboBox<>();
    private final TextField tStart = new TextField(), tEnd = new TextField(), tExtrap = new TextField("300"),
            level = new TextField("0.95");
    private final Label message = new Label(), sourcesStatus = new Label();
    private final TableView<Row> table = new TableView<>();
    private final TableView<ArrheniusRow> arrTable = new TableView<>();
    private final TableView<TrajectorySource> sources = new TableView<>();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button compute = new Button("Compute MSD");
    private final TextField blocks = new TextField("5");
    private final ToggleButton logLog = new ToggleButton("log–log");
    private final FigurePane msdFigure, arrFigure;
    private final Path projectDir;
    private int dragEdge = -1;
    private Task<List<Entry>> task;
    private org.scalebridge.ui.task.BackgroundJobs jobs = org.scalebridge.ui.task.BackgroundJobs.standalone();

    /** MSD computations go to this executor (the studio passes its own, so they show in the task bar). */
    public void setJobs(org.scalebridge.ui.task.BackgroundJobs jobs) { this.jobs = java.util.Objects.requireNonNull(jobs); }

    /** A pane on already computed MSDs. */
    public MsdArrheniusPane(List<Entry> entries) { this(entries, FigureStore.none(), null); }

    /**
     * @param store      where the figures' export settings live (the project), or {@link FigureStore#none()}
     * @param projectDir project folder scanned by "Add project trajectories", or null
     */
    public MsdArrheniusPane(List<Entry> entries, FigureStore store, Path projectDir) {
        this.projectDir = projectDir;
        FigureSettings ms = FigureSettings.paper("", "lag time t (ps)", "MSD (Å²)");
        ms.logX = true; ms.logY = true;
        msdFigure = new FigurePane(AnalysisCharts.msd(List.of(), List.of(), 0, null), ms, store, "msd");
        arrFigure = new FigurePane(AnalysisCharts.arrhenius(List.of(), 300, 0.95), FigureSettings.paper("", "1000/T (1/K)", "log10 D (Å²/ps)"),
                store, "arrhenius");
        runBox.setId("runBox");
        tStart.setId("tStart"); tEnd.setId("tEnd"); tExtrap.setId("tExtrap"); level.setId("level");
        tStart.setPrefColumnCount(6); tEnd.setPrefColumnCount(6); tExtrap.setPrefColumnCount(5); level.setPrefColumnCount(4);
        runBox.setOnAction(e -> showSelected());
        tStart.setOnAction(e -> windowFromFields());
        tEnd.setOnAction(e -> windowFromFields());
        tExtrap.setOnAction(e -> refreshArrhenius());
        level.setOnAction(e -> refreshArrhenius());
        logLog.setId("logLog");
        logLog.setSelected(msdFigure.settings().logX);
        logLog.setOnAction(e -> { FigureSettings s = msdFigure.settings(); s.logX = s.logY = logLog.isSelected(); msdFigure.setSettings(s); });
        message.setId("message");
        message.setStyle("-fx-text-fill: #D55E00;");
        FlowPane controls = new FlowPane(8, 4, new Label("run"), runBox, new Label("fit window t from"), tStart,
                new Label("to"), tEnd, new Label("ps"), logLog, new Label("   extrapolate to T ="), tExtrap,
                new Label("K, confidence"), level, message);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(4, 6, 4, 6));
        setTop(new VBox(buildSources(), controls));
        SplitPane charts = new SplitPane(msdFigure, arrFigure);
        SplitPane tables = new SplitPane(buildTable(), buildArrTable());
        tables.setDividerPositions(0.52);
        SplitPane main = new SplitPane(charts, tables);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.66);
        setCenter(main);
        installDrag();
        setEntries(entries);
    }

    /** The project's trajectories (scanned as by "Add project trajectories"), not yet computed: press Compute. */
    public static MsdArrheniusPane forProject(Path projectDir, FigureStore store) {
        MsdArrheniusPane p = new MsdArrheniusPane(List.of(), store, projectDir);
        if (projectDir != null) p.addProjectTrajectories();
        return p;
    }

    /** The synthetic hopping sample (four temperatures), MSDs by the engine with 8 atom blocks. */
    public static MsdArrheniusPane sample() {
        List<Entry> list = new ArrayList<>();
        for (SampleTrajectories.Run r : SampleTrajectories.arrheniusSet(2024))
            list.add(new Entry(r.label(), "synthetic hopping", r.temperature(), Msd.allOriginsFft(r.frames(), Msd.Options.all(8), null)));
        return new MsdArrheniusPane(list);
    }

    // ------------------------------------------------------------------ trajectory sources

    private TitledPane buildSources() {
        sources.setId("sources");
        sources.setEditable(true);
        sources.setPrefHeight(128);
        sources.setPlaceholder(new Label("No trajectories: add files (LAMMPS dump, extxyz, XDATCAR) or the project's trajectories"));
        TableColumn<TrajectorySource, String> file = new TableColumn<>("file");
        file.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(shortName(cd.getValue().file)));
        file.setPrefWidth(320);
        sources.getColumns().add(file);
        sources.getColumns().add(editable("composition", s -> s.composition, (s, v) -> s.composition = v.trim()));
        sources.getColumns().add(editable("species", s -> s.species, (s, v) -> s.species = v.trim()));
        sources.getColumns().add(editable("T (K)", s -> Double.isNaN(s.temperature) ? "" : fmt("%.5g", s.temperature),
                (s, v) -> s.temperature = parseOr(v, Double.NaN)));
        sources.getColumns().add(editable("Δt/step (ps, files without times)", s -> fmt("%.4g", s.timePerStep),
                (s, v) -> s.timePerStep = parseOr(v, Double.NaN)));
        sources.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        Button addFiles = new Button("Add files…"), addProject = new Button("Add project trajectories"), remove = new Button("Remove");
        addFiles.setOnAction(e -> chooseFiles());
        addProject.setOnAction(e -> addProjectTrajectories());
        addProject.setDisable(projectDir == null);
        remove.setOnAction(e -> sources.getItems().removeAll(List.copyOf(sources.getSelectionModel().getSelectedItems())));
        compute.setId("computeMsd");
        compute.setOnAction(e -> computeInBackground());
        blocks.setPrefColumnCount(3);
        progress.setPrefWidth(160);
        HBox bar = new HBox(8, addFiles, addProject, remove, new Label("atom blocks for σ"), blocks, compute, progress, sourcesStatus);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, sources, bar);
        box.setPadding(new Insets(4));
        TitledPane tp = new TitledPane("Trajectories", box);
        tp.setExpanded(true);
        return tp;
    }

    private static String shortName(Path p) {
        Path parent = p.getParent();
        return parent == null ? p.toString() : parent.getFileName() + "/" + p.getFileName();
    }

    private static double parseOr(String v, double dflt) {
        try { return Double.parseDouble(v.trim()); } catch (NumberFormatException e) { return dflt; }
    }

    private TableColumn<TrajectorySource, String> editable(String name, java.util.function.Function<TrajectorySource, String> get,
                                                           java.util.function.BiConsumer<TrajectorySource, String> set) {
        TableColumn<TrajectorySource, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(get.apply(cd.getValue())));
        c.setCellFactory(TextFieldTableCell.forTableColumn());
        c.setOnEditCommit(ev -> { set.accept(ev.getRowValue(), ev.getNewValue()); sources.refresh(); });
        return c;
    }

    private void chooseFiles() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Trajectories (LAMMPS dump, extended XYZ, XDATCAR, …)");
        if (projectDir != null) fc.setInitialDirectory(projectDir.toFile());
        List<File> fs = fc.showOpenMultipleDialog(getScene() == null ? null : getScene().getWindow());
        if (fs == null) return;
        for (File f : fs) addSource(f.toPath());
    }

    /** Adds a trajectory with its fields guessed from the name and first frame; problems go to the status line. */
    public TrajectorySource addSource(Path file) {
        try {
            TrajectorySource s = TrajectorySource.guess(file);
            sources.getItems().add(s);
            return s;
        } catch (RuntimeException ex) {
            sourcesStatus.setText(file.getFileName() + ": " + ex.getMessage());
            return null;
        }
    }

    /** Adds every trajectory of the project folder (trajectories/ and runs/). */
    public void addProjectTrajectories() {
        if (projectDir == null) return;
        int n = 0;
        for (Path p : TrajectorySource.projectTrajectories(projectDir)) {
            boolean known = sources.getItems().stream().anyMatch(s -> s.file.equals(p));
            if (!known && addSource(p) != null) n++;
        }
        sourcesStatus.setText(n + " trajectories from " + projectDir.getFileName());
    }

    public List<TrajectorySource> sources() { return sources.getItems(); }

    /** Validates the sources and computes their MSDs on a background thread; the result replaces the runs shown. */
    public Task<List<Entry>> computeInBackground() {
        List<TrajectorySource> list = List.copyOf(sources.getItems());
        int nb;
        try {
            nb = Integer.parseInt(blocks.getText().trim());
            if (nb < 1 || nb > 100) throw new NumberFormatException();
            if (list.isEmpty()) throw org.scalebridge.core.InputException.field("MSD pane", "trajectories", "add at least two trajectories");
            for (TrajectorySource s : list) s.validate();
        } catch (NumberFormatException ex) {
            sourcesStatus.setText("atom blocks: an integer 1…100, got '" + blocks.getText() + "'");
            return null;
        } catch (RuntimeException ex) {
            sourcesStatus.setText(ex.getMessage());
            return null;
        }
        final int blocksN = nb;
        task = jobs.submit("MSD of " + list.size() + " trajectories", pr -> { // the studio's executor (task bar)
            List<Entry> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (pr.isCancelled()) break;
                TrajectorySource s = list.get(i);
                pr.update(i, list.size(), "reading " + s.file.getFileName());
                MsdResult m = s.computeMsd(blocksN, Progress.NONE);
                out.add(new Entry(String.format(Locale.ROOT, "%s %s %.0f K", s.composition, s.species, s.temperature),
                        s.composition, s.temperature, m));
            }
            pr.update(list.size(), list.size(), "done");
            return out;
        });
        progress.progressProperty().bind(task.progressProperty());
        sourcesStatus.textProperty().bind(task.messageProperty());
        compute.setDisable(true);
        task.setOnSucceeded(e -> { done(); setEntries(task.getValue()); sourcesStatus.setText(entries.size() + " MSDs computed"); });
        task.setOnFailed(e -> { done(); sourcesStatus.setText("MSD failed: " + task.getException().getMessage()); });
        task.setOnCancelled(e -> { done(); sourcesStatus.setText("cancelled"); });
        return task;
    }

    private void done() {
        progress.progressProperty().unbind();
        sourcesStatus.textProperty().unbind();
        compute.setDisable(false);
    }

    // ------------------------------------------------------------------ results

    /** Shows a new set of runs: automatic Einstein windows, D per run, Arrhenius per composition. */
    public void setEntries(List<Entry> list) {
        entries = List.copyOf(list);
        fits = new Einstein.Fit[entries.size()];
        for (int i = 0; i < entries.size(); i++) fits[i] = Einstein.fit(entries.get(i).msd());
        String keep = runBox.getValue();
        runBox.getItems().setAll(entries.stream().map(Entry::label).toList());
        if (!entries.isEmpty()) runBox.getSelectionModel().select(runBox.getItems().contains(keep) ? keep : runBox.getItems().get(0));
        recomputeArrhenius();
        showSelected();
        refreshArrhenius();
    }

    private BorderPane buildTable() {
        table.setId("resultsTable");
        // preferred widths from the content (the constrained policy scales them to the pane; full text in tooltips);
        // units go on a second header line and no column gets narrower than its header
        table.getColumns().add(width(col("run", r -> r.run()), 118));
        table.getColumns().add(width(col("T (K)", r -> fmt("%.1f", r.temperature())), 52));
        table.getColumns().add(width(col("D\n(Å²/ps)", r -> fmt("%.4g", r.d())), 70));
        table.getColumns().add(width(col("σ(D)\n(Å²/ps)", r -> fmt("%.2g", r.sigmaD())), 78));
        table.getColumns().add(width(col("D\n(cm²/s)", r -> fmt("%.3e", r.d() * 1e-4)), 78));
        table.getColumns().add(width(col("window\n(ps)", r -> fmt("%.3g", r.tStart()) + " – " + fmt("%.3g", r.tEnd())), 84));
        table.getColumns().add(width(col("window choice", r -> r.window()), 180));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("no runs: compute the MSDs of the trajectories above"));
        table.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0 && b.intValue() != runBox.getSelectionModel().getSelectedIndex()) runBox.getSelectionModel().select(b.intValue());
        });
        return new BorderPane(table);
    }

    private BorderPane buildArrTable() {
        arrTable.setId("arrheniusTable");
        arrTable.getColumns().add(width(acol("composition", r -> r.composition()), 84));
        arrTable.getColumns().add(width(acol("runs", r -> Integer.toString(r.runs())), 42));
        arrTable.getColumns().add(width(acol("Ea ± σ\n(eV)", r -> Double.isNaN(r.ea()) ? "needs ≥ 2 T" : fmt("%.4f", r.ea()) + " ± " + fmt("%.4f", r.sigmaEa())), 118));
        arrTable.getColumns().add(width(acol("D0\n(Å²/ps)", r -> fmt("%.4g", r.d0())), 70));
        arrTable.getColumns().add(width(acol("D(T*)\n(Å²/ps)", r -> fmt("%.4g", r.dExtrap()) + " @ " + fmt("%.0f", r.tExtrap()) + " K"), 104));
        arrTable.getColumns().add(width(acol("band\n(Å²/ps)", r -> fmt("%.3g", r.bandLow()) + " – " + fmt("%.3g", r.bandHigh())), 96));
        arrTable.getColumns().add(width(acol("χ²/dof", r -> fmt("%.2f", r.chi2()) + "/" + r.dof()), 58));
        arrTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        arrTable.setPlaceholder(new Label("Arrhenius fits appear per composition with ≥ 2 temperatures"));
        return new BorderPane(arrTable);
    }

    private static <R> TableColumn<R, String> gcol(String name, java.util.function.Function<R, String> f) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item));   // full text when cut
            }
        });
        return c;
    }

    private static <R> TableColumn<R, String> width(TableColumn<R, String> c, double w) {
        double header = headerWidth(c.getText());
        c.setPrefWidth(Math.max(w, header));
        c.setMinWidth(header);
        return c;
    }

    /** Width a column needs to show its (bold, possibly two-line) header uncut: text plus the label's padding. */
    static double headerWidth(String text) {
        javafx.scene.text.Font f = javafx.scene.text.Font.getDefault();
        javafx.scene.text.Font bold = javafx.scene.text.Font.font(f.getFamily(), javafx.scene.text.FontWeight.BOLD, f.getSize());
        double w = 0;
        for (String line : text.split("\n")) {
            javafx.scene.text.Text t = new javafx.scene.text.Text(line);
            t.setFont(bold);
            w = Math.max(w, t.getLayoutBounds().getWidth());
        }
        return Math.ceil(w) + 16;
    }

    private static TableColumn<Row, String> col(String name, java.util.function.Function<Row, String> f) { return gcol(name, f); }
    private static TableColumn<ArrheniusRow, String> acol(String name, java.util.function.Function<ArrheniusRow, String> f) { return gcol(name, f); }

    private static String fmt(String f, double v) { return String.format(Locale.ROOT, f, v); }

    private int selected() { return Math.max(0, runBox.getSelectionModel().getSelectedIndex()); }

    private void showSelected() {
        if (entries.isEmpty()) {
            tStart.setText(""); tEnd.setText("");
            msdFigure.setChart(AnalysisCharts.msd(List.of(), List.of(), 0, null));
            return;
        }
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

    /** Sets the fit window of run {@code i} (ps), refits D and the Arrhenius lines; a bad window leaves a message. */
    public void setWindow(int i, double t0, double t1) {
        try {
            Einstein.Fit f = Einstein.fit(entries.get(i).msd(), 3, new Einstein.Window(t0, t1), 0.1, 1.0);
            fits[i] = f;
            message.setText("");
            recomputeArrhenius();
            if (i == selected()) showSelected();
            refreshArrhenius();
        } catch (RuntimeException ex) {
            message.setText(ex.getMessage());
        }
    }

    /** Compositions in order of appearance. */
    private List<String> compositions() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) if (!out.contains(e.composition())) out.add(e.composition());
        return out;
    }

    private void recomputeArrhenius() {
        arrhenius.clear();
        for (String c : compositions()) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) if (entries.get(i).composition().equals(c)) idx.add(i);
            long distinctT = idx.stream().mapToDouble(i -> entries.get(i).temperature()).distinct().count();
            if (distinctT < 2) continue;
            int n = idx.size();
            double[] t = new double[n], d = new double[n], s = new double[n];
            boolean sig = true;
            for (int k = 0; k < n; k++) {
                int i = idx.get(k);
                t[k] = entries.get(i).temperature(); d[k] = fits[i].d(); s[k] = fits[i].sigmaD();
                sig &= s[k] > 0;
            }
            try {
                arrhenius.put(c, Arrhenius.fit(t, d, sig ? s : null, 0.05));
            } catch (RuntimeException ex) {
                message.setText(c + ": " + ex.getMessage());
            }
        }
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
        double te = extrapT(), lv = confidence();
        List<AnalysisCharts.Line> lines = new ArrayList<>();
        arrhenius.forEach((c, f) -> lines.add(new AnalysisCharts.Line(c, f)));
        arrFigure.setChart(AnalysisCharts.arrhenius(lines, te, lv));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Einstein.Fit f = fits[i];
            rows.add(new Row(entries.get(i).label(), entries.get(i).composition(), entries.get(i).temperature(), f.d(), f.sigmaD(),
                    f.tStart(), f.tEnd(), f.windowChoice() + (f.diffusive() ? "" : " (not diffusive)")));
        }
        table.setItems(FXCollections.observableArrayList(rows));
        List<ArrheniusRow> ar = new ArrayList<>();
        for (String c : compositions()) {
            int n = (int) entries.stream().filter(e -> e.composition().equals(c)).count();
            Arrhenius.Fit f = arrhenius.get(c);
            if (f == null) { ar.add(new ArrheniusRow(c, n, Double.NaN, Double.NaN, Double.NaN, te, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0)); continue; }
            double[] band = f.band(te, lv);
            ar.add(new ArrheniusRow(c, n, f.ea(), f.sigmaEa(), f.d0(), te, f.predict(te), band[0], band[1], f.chi2(), f.dof()));
        }
        arrTable.setItems(FXCollections.observableArrayList(ar));
    }

    private org.jfree.chart.JFreeChart msdChart(int s) {
        List<String> labels = new ArrayList<>();
        List<MsdResult> m = new ArrayList<>();
        String comp = entries.get(s).composition();
        int sel = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).composition().equals(comp)) continue;
            if (i == s) sel = labels.size();
            labels.add(entries.get(i).label());
            m.add(entries.get(i).msd());
        }
        return AnalysisCharts.msd(labels, m, sel, fits[s]);
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
        if (entries.isEmpty() || canvas.getRenderingInfo() == null) return null;
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
    /** The first composition's Arrhenius fit (the only one for single-composition data). */
    public Arrhenius.Fit arrheniusFit() { return arrhenius.isEmpty() ? null : arrhenius.values().iterator().next(); }
    public Map<String, Arrhenius.Fit> arrheniusFits() { return Map.copyOf(arrhenius); }
    public List<Row> rows() { return List.copyOf(table.getItems()); }
    public List<ArrheniusRow> arrheniusRows() { return List.copyOf(arrTable.getItems()); }
    public FigurePane msdFigure() { return msdFigure; }
    public FigurePane arrheniusFigure() { return arrFigure; }
    public List<Entry> entries() { return entries; }
    public Task<List<Entry>> task() { return task; }
    public void selectRun(int i) { runBox.getSelectionModel().select(i); }
}
