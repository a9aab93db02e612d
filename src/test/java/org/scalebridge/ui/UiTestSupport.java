package org.scalebridge.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import java.util.concurrent.TimeUnit;
import org.scalebridge.ui.viewer.AtomViewer;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Helpers for the studio's UI tests: copy the sample project, take and analyse screenshots. */
final class UiTestSupport {
    private UiTestSupport() {}

    static Path copySample(Path to) throws IOException {
        Path src = Path.of("samples/mnfepba-project");
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path d = to.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(d);
                else if (!p.toString().contains("-out")) Files.copy(p, d);
            }
        }
        return to;
    }

    /** Snapshot of a node (on the FX thread) written to target/screenshots/name.png. */
    static BufferedImage screenshot(FxRobot robot, Node node, String name) throws IOException {
        awaitViewers(node);
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = node.snapshot(null, null));
        BufferedImage bi = SwingFXUtils.fromFXImage(img[0], null);
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        ImageIO.write(bi, "png", dir.resolve(name + ".png").toFile());
        return bi;
    }

    /**
     * Waits until every atom viewer under {@code node} shows its newest frame (the software view is painted and the
     * 3D meshes are built on a background render thread; a screenshot taken earlier would show the previous frame).
     */
    static void awaitViewers(Node node) {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
                boolean[] idle = {true};
                WaitForAsyncUtils.asyncFx(() -> {
                    java.util.List<Node> all = new java.util.ArrayList<>(node.lookupAll(".atom-viewer"));
                    if (node instanceof AtomViewer) all.add(node);
                    for (Node n : all) if (n instanceof AtomViewer v && !v.renderIdle()) idle[0] = false;
                }).get();
                return idle[0];
            });
        } catch (Exception e) {
            throw new IllegalStateException("viewer did not finish its frame: " + e, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Number of distinct colours (quantised to 5 bits per channel) in a rectangle. */
    static int distinctColours(BufferedImage bi, int x0, int y0, int w, int h) {
        java.util.Set<Integer> set = new java.util.HashSet<>();
        for (int y = y0; y < Math.min(bi.getHeight(), y0 + h); y += 2)
            for (int x = x0; x < Math.min(bi.getWidth(), x0 + w); x += 2) set.add((bi.getRGB(x, y) >> 3) & 0x1f1f1f);
        return set.size();
    }
}
