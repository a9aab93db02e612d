package org.scalebridge.ui.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.testfx.api.FxRobot;

/** Test helpers: screenshots under target/screenshots and validity checks of exported PNG/SVG/PDF files. */
public final class Shots {
    private Shots() {}

    public static final Path DIR = Path.of("target/screenshots");

    /** Snapshot of a node (on the FX thread) written as PNG; returns the file. */
    public static Path shot(FxRobot robot, Node node, String name) throws IOException {
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = node.snapshot(null, null));
        Files.createDirectories(DIR);
        Path p = DIR.resolve(name + ".png");
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", p.toFile());
        return p;
    }

    /** Asserts base.{png,svg,pdf,csv,figure.json} exist and are valid; returns the PNG image. */
    public static BufferedImage checkExports(Path base, int expectedWidthPx) throws Exception {
        BufferedImage png = ImageIO.read(Path.of(base + ".png").toFile());
        assertTrue(png != null, "PNG readable");
        assertEquals(expectedWidthPx, png.getWidth());
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // no network
        var doc = dbf.newDocumentBuilder().parse(Path.of(base + ".svg").toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        byte[] pdf = Files.readAllBytes(Path.of(base + ".pdf"));
        assertTrue(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-"), "PDF header");
        String text = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(1, java.util.regex.Pattern.compile("/Type\\s*/Page[^s]").matcher(text).results().count(), "one PDF page");
        assertTrue(java.util.regex.Pattern.compile("/Count\\s+1\\b").matcher(text).find(), "page tree count 1");
        assertTrue(Files.readAllLines(Path.of(base + ".csv")).size() > 3, "CSV has data");
        assertTrue(Files.readString(Path.of(base + ".figure.json")).contains("\"dpi\""), "settings JSON");
        return png;
    }
}
