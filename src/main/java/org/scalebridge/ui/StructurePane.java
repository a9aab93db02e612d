package org.scalebridge.ui;

import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
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
 * atoms (index, element, Cartesian and fractional coordinates). The table rows are atom indices read straight from
 * the structure's arrays, so 30,000-atom boxes cost no per-atom objects beyond the visible cells.
 */
public final class StructurePane extends VBox {
    private final Label title = new Label("No structure loaded: File ▸ Open…");
    private final Label formula = new Label();
    private final Label composition = new Label();
    private final Label lattice = new Label();
    private final Label volume = new Label();
    private final TableView<Integer> table = new TableView<>();
    private Structure structure;

    public StructurePane() {
        setSpacing(8);
        setPadding(new Insets(10));
        title.setId("title");
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        formula.setId("formula");
        composition.setId("composition");
        lattice.setId("lattice");
        volume.setId("volume");
        table.setId("atoms");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        String[] names = {"Formula", "Composition", "Cell", "Volume / density"};
        Label[] values = {formula, composition, lattice, volume};
        for (int i = 0; i < names.length; i++) {
            Label n = new Label(names[i] + ":");
            n.setStyle("-fx-font-weight: bold;");
            grid.add(n, 0, i);
            grid.add(values[i], 1, i);
        }
        table.getColumns().add(intColumn("#", i -> i + 1));
        TableColumn<Integer, String> el = new TableColumn<>("Element");
        el.setCellValueFactory(c -> new ReadOnlyStringWrapper(structure.symbol(c.getValue())));
        table.getColumns().add(el);
        String[] axes = {"x (Å)", "y (Å)", "z (Å)"};
        for (int d = 0; d < 3; d++) {
            final int dim = d;
            table.getColumns().add(numberColumn(axes[d], i -> structure.positions()[3 * i + dim]));
        }
        String[] fr = {"a (frac)", "b (frac)", "c (frac)"};
        for (int d = 0; d < 3; d++) {
            final int dim = d;
            table.getColumns().add(numberColumn(fr[d], i -> structure.fractional(i)[dim]));
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Open a structure file (extended XYZ, LAMMPS data/dump, …)"));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, grid, table);
    }

    private TableColumn<Integer, Number> intColumn(String name, java.util.function.IntUnaryOperator f) {
        TableColumn<Integer, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(f.applyAsInt(v.getValue())));
        c.setMaxWidth(80);
        return c;
    }

    private TableColumn<Integer, String> numberColumn(String name, java.util.function.IntToDoubleFunction f) {
        TableColumn<Integer, String> c = new TableColumn<>(name);
        c.setCellValueFactory(v -> {
            double x = f.applyAsDouble(v.getValue());
            return new ReadOnlyStringWrapper(String.format(Locale.ROOT, "%.5f", Math.abs(x) < 5e-6 ? 0.0 : x)); // no "-0.00000"
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    /** Shows {@code s} (call on the FX thread). */
    public void show(Structure s, String name) {
        this.structure = s;
        title.setText(name + " — " + s.size() + " atoms");
        formula.setText(s.formula());
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : s.composition().entrySet()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(e.getKey()).append(' ').append(e.getValue());
        }
        composition.setText(sb.toString());
        Cell c = s.cell();
        double[] p = c.parameters();
        lattice.setText(String.format(Locale.ROOT, "a = %.4f  b = %.4f  c = %.4f Å    α = %.3f°  β = %.3f°  γ = %.3f°",
                p[0], p[1], p[2], p[3], p[4], p[5]));
        volume.setText(String.format(Locale.ROOT, "%.3f Å³   %.4f g/cm³", c.volume(), s.density()));
        ObservableList<Integer> rows = FXCollections.observableArrayList();
        Integer[] idx = new Integer[s.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        rows.setAll(idx);
        table.setItems(rows);
        table.refresh();   // same row indices, new structure (a trajectory frame): the cells must re-read their values
    }

    public Structure structure() { return structure; }

    public TableView<Integer> table() { return table; }

    /** Shows a one-line message instead of a structure (e.g. a read error). */
    public void showMessage(String text) {
        title.setText(text);
    }
}
