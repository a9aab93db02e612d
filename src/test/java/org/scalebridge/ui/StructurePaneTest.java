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
