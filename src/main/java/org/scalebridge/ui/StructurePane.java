package org.scalebridge.ui;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntToDoubleFunction;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableListBase;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * A structure at a glance: composition, formula, cell and lattice parameters, volume and density, and a table of
 * atoms (index, element, Cartesian and fractional coordinates). The table's rows are a read-only list of row indices
 * ({@link AtomRows}) whose cells read the structure's arrays on demand: showing a 32k-atom frame costs the FX thread
 * one list object and the visible cells, never an object per atom. The O(N) parts (composition, formula, density, the
 * permutation of a sorted column) are computed on a background thread and swapped in with one call.
 */
public final class StructurePane extends VBox {
    /** Structures up to this size get their summary computed inline (well under a millisecond). */
    private static final int INLINE_SUMMARY = 4096;
    /** One daemon thread for summaries and sort permutations of all panes (short O(N) jobs, never engine work). */
    private static final ExecutorService WORK = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "structure-table");
        t.setDaemon(true);
        return t;
    });
    static final String NO_STRUCTURE = "No structure loaded: File ▸ Open…";
    private final Label title = new Label(NO_STRUCTURE);
    private final Label formula = new Label();
    private final Label composition = new Label();
    private final Label lattice = new Label();
    private final Label volume = new Label();
    private final Label placeholder = new Label("Open a structure file (extended XYZ, LAMMPS data/dump, …)");
    private final TableView<Integer> table = new TableView<>();
    private final AtomRows rows = new AtomRows();
    private final TableColumn<Integer, ?>[] keyColumns;
    private volatile Structure structure;
    /** Id of the newest summary / sort request (FX thread); older results are dropped. */
    private long summaryId, sortId;
    /** Set while new rows are swapped in (the table may ask its sort policy again; the rows are already in order). */
    private boolean settingRows;
    /** The newest frame handed over while the pane was not showing (shown when it is). */
    private volatile Structure pendingStructure;
    private String pendingName;
    private boolean catchingUp;

    @SuppressWarnings("unchecked")
    public StructurePane() {
        setSpacing(6);
        setPadding(new Insets(8, 10, 8, 10));
        title.setId("title");
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        formula.setId("formula");
        composition.setId("composition");
        lattice.setId("lattice");
        volume.setId("volume");
        table.setId("atoms");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(3);
        // three compact rows (formula and volume share one), so the atom table keeps room at the default size
        String[] names = {"Formula", "Volume / density", "Composition", "Cell"};
        Label[] values = {formula, volume, composition, lattice};
        int[][] at = {{0, 0}, {2, 0}, {0, 1}, {0, 2}};
        for (int i = 0; i < names.length; i++) {
            Label n = new Label(names[i] + ":");
            n.setStyle("-fx-font-weight: bold;");
            n.setMinWidth(Label.USE_PREF_SIZE);
            grid.add(n, at[i][0], at[i][1]);
            grid.add(values[i], at[i][0] + 1, at[i][1], at[i][0] == 0 && i > 1 ? 3 : 1, 1);
        }
        keyColumns = new TableColumn[8];
        table.getColumns().add(keyColumns[0] = intColumn("#", i -> i + 1));
        TableColumn<Integer, String> el = new TableColumn<>("Element");
        el.setCellValueFactory(c -> new ReadOnlyStringWrapper(structure.symbol(c.getValue())));
        el.setMinWidth(70);
        table.getColumns().add(keyColumns[1] = el);
        String[] axes = {"x (Å)", "y (Å)", "z (Å)"};
        for (int d = 0; d < 3; d++) {
            final int dim = d;
            table.getColumns().add(keyColumns[2 + d] = numberColumn(axes[d], i -> structure.positions()[3 * i + dim]));
        }
        String[] fr = {"a (frac)", "b (frac)", "c (frac)"};
        for (int d = 0; d < 3; d++) {
            final int dim = d;
            table.getColumns().add(keyColumns[5 + d] = numberColumn(fr[d], i -> structure.fractional(i)[dim]));
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // sorting a 32k-row column must not run on the FX thread: the permutation is computed in the background
        table.setSortPolicy(t -> { if (!settingRows) requestSort(); return true; });
        table.setPlaceholder(placeholder);
        table.setItems(rows);
        // rows of one text line: the flow need not measure every new cell
        table.setFixedCellSize(Math.ceil(2 * javafx.scene.text.Font.getDefault().getSize()));
        sceneProperty().addListener((o, a, b) -> {
            if (a != null) a.removePreLayoutPulseListener(catchUp);
            if (b != null) b.addPreLayoutPulseListener(catchUp);
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, grid, table);
    }

    private TableColumn<Integer, Number> intColumn(String name, java.util.function.IntUnaryOperator f) {
        TableColumn<Integer, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(f.applyAsInt(v.getValue())));
        c.setMinWidth(50);
        c.setMaxWidth(80);
        return c;
    }

    private TableColumn<Integer, String> numberColumn(String name, IntToDoubleFunction f) {
        TableColumn<Integer, String> c = new TableColumn<>(name);
        c.setCellValueFactory(v -> {
            double x = f.applyAsDouble(v.getValue());
            return new ReadOnlyStringWrapper(String.format(Locale.ROOT, "%.5f", Math.abs(x) < 5e-6 ? 0.0 : x)); // no "-0.00000"
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setMinWidth(70);
        return c;
    }

    /**
     * Shows {@code s} (FX thread). O(1) in the number of atoms on the FX thread: the rows are a view of the structure
     * and the visible cells re-read their values; composition and density of a large structure follow from the
     * background (the labels keep the previous frame's values until then, which for a trajectory frame differ at
     * most in the Na count and the volume).
     */
    public void show(Structure s, String name) {
        if (!showing()) {   // a background tab following a live run: catch up on the first pulse it is shown
            pendingStructure = s;
            pendingName = name;
            return;
        }
        showNow(s, name);
    }

    private void showNow(Structure s, String name) {
        pendingStructure = null;
        this.structure = s;
        title.setText(name + " — " + String.format(Locale.ROOT, "%,d", s.size()) + " atoms");
        long id = ++summaryId;
        if (s.size() <= INLINE_SUMMARY) applySummary(summarize(s));
        else WORK.execute(() -> {
            String[] sum = summarize(s);
            Platform.runLater(() -> { if (id == summaryId && structure == s) applySummary(sum); });
        });
        if (table.getSortOrder().isEmpty()) setRows(s.size(), null);
        else requestSort();   // keeps the user's column order for the new frame (the old order shows until then)
    }

    /** Shows the newest frame handed over while the pane was hidden, on the first pulse in which it is visible. */
    private final Runnable catchUp = () -> {
        // one pulse later: the pulse in which the pane appears (a tab switch) already lays out the whole tab
        if (pendingStructure != null && !catchingUp && showing()) {
            catchingUp = true;
            Platform.runLater(() -> {
                catchingUp = false;
                if (pendingStructure != null) show(pendingStructure, pendingName);
            });
        }
    };

    /** Visible in a showing window (a TabPane hides the content of unselected tabs). */
    private boolean showing() {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) return false;
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) if (!n.isVisible()) return false;
        return true;
    }

    /** {formula, composition, lattice, volume/density} of a structure (any thread; O(N)). */
    static String[] summarize(Structure s) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : s.composition().entrySet()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(e.getKey()).append(' ').append(e.getValue());
        }
        Cell c = s.cell();
        double[] p = c.parameters();
        return new String[] {s.formula(), sb.toString(),
                String.format(Locale.ROOT, "a = %.4f  b = %.4f  c = %.4f Å    α = %.3f°  β = %.3f°  γ = %.3f°", p[0], p[1], p[2], p[3], p[4], p[5]),
                String.format(Locale.ROOT, "%.3f Å³   %.4f g/cm³", c.volume(), s.density())};
    }

    private void applySummary(String[] sum) {
        formula.setText(sum[0]);
        composition.setText(sum[1]);
        lattice.setText(sum[2]);
        volume.setText(sum[3]);
    }

    /** One cheap call: the row view points at the new frame or order (the skin re-binds only the visible cells). */
    private void setRows(int size, int[] order) {
        Integer focused = table.getSelectionModel().getSelectedItem();
        settingRows = true;
        try {
            rows.set(size, order);
        } finally {
            settingRows = false;
        }
        if (focused != null && focused < size) table.getSelectionModel().select(rows.rowOf(focused));
    }

    /** Computes the permutation of the current sort order in the background and swaps it in. */
    private void requestSort() {
        Structure s = structure;
        if (s == null) return;
        long id = ++sortId;
        if (table.getSortOrder().isEmpty()) { setRows(s.size(), null); return; }
        TableColumn<Integer, ?> col = table.getSortOrder().get(0);
        int key = java.util.Arrays.asList(keyColumns).indexOf(col);
        boolean descending = col.getSortType() == TableColumn.SortType.DESCENDING;
        WORK.execute(() -> {
            int[] order = sortedOrder(s, key, descending);
            Platform.runLater(() -> { if (id == sortId && structure == s) setRows(order.length, order); });
        });
    }

    /** Atom indices ordered by column {@code key} (0 index, 1 element by atomic number, 2–4 x y z, 5–7 fractional). */
    static int[] sortedOrder(Structure s, int key, boolean descending) {
        int n = s.size();
        double[] k = new double[n];
        double[] pos = s.positions();
        for (int i = 0; i < n; i++) {
            k[i] = switch (key) {
                case 1 -> s.atomicNumber(i);
                case 2, 3, 4 -> pos[3 * i + key - 2];
                case 5, 6, 7 -> s.fractional(i)[key - 5];
                default -> i;
            };
            if (descending) k[i] = -k[i];
        }
        int[] idx = new int[n], tmp = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        mergeSort(idx, tmp, k, 0, n);   // stable: equal keys keep atom order
        return idx;
    }

    private static void mergeSort(int[] a, int[] tmp, double[] k, int lo, int hi) {
        if (hi - lo < 2) return;
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, k, lo, mid);
        mergeSort(a, tmp, k, mid, hi);
        if (k[a[mid - 1]] <= k[a[mid]]) return;
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        for (int i = lo, p = lo, q = mid; i < hi; i++)
            a[i] = q >= hi || (p < mid && k[tmp[p]] <= k[tmp[q]]) ? tmp[p++] : tmp[q++];
    }

    /** The structure shown, or the newest one waiting to be shown once the pane is visible. */
    public Structure structure() { Structure p = pendingStructure; return p != null ? p : structure; }

    public TableView<Integer> table() { return table; }

    /**
     * Shows a one-line message instead of a structure (e.g. a read error, or "waiting for the run's structure"); the
     * empty table says the same instead of inviting the user to open a file.
     */
    public void showMessage(String text) {
        title.setText(text);
        placeholder.setText(text);
    }

    /**
     * The table's rows: row r is atom {@code order[r]} (or r). Read-only for the table and O(1) to repoint at a new
     * frame or order ({@link #set}, one "replaced" change, after which the table's skin re-binds only its visible
     * cells); the boxed index of a row is made only when a visible cell asks for it.
     */
    static final class AtomRows extends ObservableListBase<Integer> {
        private int n;
        private int[] order;

        AtomRows() {}

        @Override public Integer get(int r) { return at(n, order, r); }

        @Override public int size() { return n; }

        private static Integer at(int n, int[] order, int r) {
            if (r < 0 || r >= n) throw new IndexOutOfBoundsException(r);
            return order == null ? r : order[r];
        }

        /** Shows {@code size} rows in atom order or in {@code newOrder} (FX thread). */
        void set(int size, int[] newOrder) {
            int oldN = n;
            int[] oldOrder = order;
            n = size;
            order = newOrder;
            beginChange();
            if (oldN > 0 || size > 0) {
                java.util.List<Integer> removed = new java.util.AbstractList<>() {   // the old rows, as a view
                    @Override public Integer get(int r) { return at(oldN, oldOrder, r); }
                    @Override public int size() { return oldN; }
                };
                nextReplace(0, size, removed);
            }
            endChange();
        }

        /** The row showing atom i. */
        int rowOf(int i) {
            if (order == null) return i;
            for (int r = 0; r < n; r++) if (order[r] == i) return r;
            return -1;
        }
    }
}
