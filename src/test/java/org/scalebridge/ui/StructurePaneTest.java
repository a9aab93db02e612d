package org.scalebridge.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scalebridge.io.Formats;
import org.scalebridge.structure.Structure;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The minimal studio window (headless, Monocle): opens a shipped sample and shows its composition, cell and atoms. */
@ExtendWith(ApplicationExtension.class)
class StructurePaneTest {
    static final Path SAMPLE = Path.of("samples/structures/pba-rhombohedral-x2.extxyz");
    private StructurePane pane;
    private Scene scene;

    @Start
    void start(Stage stage) {
        pane = new StructurePane();
        scene = new Scene(pane, 1000, 650);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void showsSampleStructure(FxRobot robot) throws Exception {
        Structure s = Formats.readFirst(SAMPLE);
        robot.interact(() -> pane.show(s, SAMPLE.getFileName().toString()));
        WaitForAsyncUtils.waitForFxEvents();
        Label formula = robot.lookup("#formula").queryAs(Label.class);
        assertEquals("C24N24Na8Mn4Fe4", formula.getText());
        assertEquals("C 24, N 24, Na 8, Mn 4, Fe 4", robot.lookup("#composition").queryAs(Label.class).getText());
        String lattice = robot.lookup("#lattice").queryAs(Label.class).getText();
        assertTrue(lattice.contains("a = 9.5640") && lattice.contains("α = 82.600°"), lattice);
        @SuppressWarnings("unchecked")
        TableView<Integer> table = robot.lookup("#atoms").queryAs(TableView.class);
        assertEquals(64, table.getItems().size());
        // first row: Fe at the origin; the table reads the structure's own arrays
        assertEquals("Element", table.getColumns().get(1).getText());
        assertEquals("Fe", cell(table, 1, 0));
        assertEquals("0.00000", cell(table, 2, 0));
        int last = 63;
        assertEquals("Na", cell(table, 1, last));
        assertEquals(String.format(java.util.Locale.ROOT, "%.5f", s.x(last)), cell(table, 2, last));
        assertEquals(String.format(java.util.Locale.ROOT, "%.5f", s.fractional(last)[2]), cell(table, 7, last));
        // the rendered table shows the element of the first visible row
        assertTrue(robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && "Fe".equals(c.getText())));
        // a screenshot for the record
        WritableImage img = snapshot(robot);
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        BufferedImage bi = SwingFXUtils.fromFXImage(img, null);
        Path png = dir.resolve("structure-pane.png");
        ImageIO.write(bi, "png", png.toFile());
        assertTrue(Files.size(png) > 1000);
    }

    /**
     * A 32k-atom box: the rows are a view of the structure (no per-atom objects), a new frame of the same size
     * updates the visible cells, a sorted column is ordered off the FX thread and keeps its order for the next frame,
     * and composition/density of the big frame arrive from the background.
     */
    @Test
    void bigStructureRowsAreAViewAndSortInTheBackground(FxRobot robot) throws Exception {
        Structure big = new org.scalebridge.structure.builders.PbaBuilder(org.scalebridge.structure.builders.PbaPhase.RHOMBOHEDRAL)
                .x(1.8).supercell(8, 8, 8).seed(1).build();
        robot.interact(() -> pane.show(big, "big"));
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#formula").queryAs(Label.class).getText().startsWith("C"));
        @SuppressWarnings("unchecked")
        TableView<Integer> table = robot.lookup("#atoms").queryAs(TableView.class);
        assertEquals(big.size(), table.getItems().size());
        assertTrue(table.getItems() instanceof StructurePane.AtomRows, "rows are an index view, not a filled list");
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f Å³   %.4f g/cm³", big.cell().volume(), big.density()),
                robot.lookup("#volume").queryAs(Label.class).getText());
        // the next frame (same atoms, atom 1 moved): the rendered cell of row 1 shows the new x
        Structure next = big.copy();
        next.setPosition(0, big.x(0) + 1.25, big.positions()[1], big.positions()[2]);
        String before = renderedX(robot, "0.00000");
        robot.interact(() -> pane.show(next, "big · frame 2"));
        assertEquals("0.00000", before);
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && "1.25000".equals(c.getText())));   // visible cell re-read the new frame
        // sort by z descending: the permutation arrives from the background
        TableColumn<Integer, ?> z = table.getColumns().get(4);
        robot.interact(() -> { z.setSortType(TableColumn.SortType.DESCENDING); table.getSortOrder().setAll(z); });
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> table.getItems().get(0) != 0);
        double[] p = next.positions();
        for (int r = 1; r < table.getItems().size(); r++) assertTrue(p[3 * table.getItems().get(r) + 2] <= p[3 * table.getItems().get(r - 1) + 2]);
        assertEquals(next.size(), new java.util.HashSet<>(table.getItems()).size(), "a permutation of all atoms");
        // a new frame keeps the column order
        robot.interact(() -> pane.show(big, "big · frame 3"));
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> pane.structure() == big
                && table.getItems() instanceof StructurePane.AtomRows r && r.size() == big.size() && isSortedDescZ(table, big));
        robot.interact(() -> table.getSortOrder().clear());
        assertEquals(5, (int) table.getItems().get(5));
    }

    private static boolean isSortedDescZ(TableView<Integer> t, Structure s) {
        double[] p = s.positions();
        for (int r = 1; r < t.getItems().size(); r++) if (p[3 * t.getItems().get(r) + 2] > p[3 * t.getItems().get(r - 1) + 2]) return false;
        return true;
    }

    private static String renderedX(FxRobot robot, String expect) {
        return robot.lookup(".table-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                        && "x (Å)".equals(c.getTableColumn().getText()) && c.getIndex() == 0)
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText()).findFirst().orElse("none");
    }

    private WritableImage snapshot(FxRobot robot) {
        WritableImage[] out = new WritableImage[1];
        robot.interact(() -> out[0] = scene.snapshot(null));
        return out[0];
    }

    @SuppressWarnings("unchecked")
    static String cell(TableView<Integer> t, int col, int row) {
        TableColumn<Integer, ?> c = t.getColumns().get(col);
        return String.valueOf(c.getCellObservableValue(row).getValue());
    }
}
