package org.scalebridge.ui;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the classes of the studio's views on a background thread at start-up. The first time a view is used (the
 * first table rows of a live tab, the first chart of a run) the JVM would otherwise read, define and parse dozens of
 * classes on the FX thread in one pulse: measured 84–87 ms of FX-thread CPU with 30–81 classes loaded in that pulse
 * (UiResponsiveness32kTest). The classes are loaded, not initialised (static initialisers of JavaFX classes stay on
 * the thread that first uses them), so this is safe off the FX thread; it takes about a second of background CPU.
 */
public final class UiWarmup {
    private static volatile Thread thread;

    private UiWarmup() {}

    /** Packages (as path prefixes) whose classes the studio's views use on the FX thread. */
    private static final List<String> PREFIXES = List.of("javafx/scene/control/", "com/sun/javafx/scene/control/",
            "javafx/scene/chart/", "javafx/scene/layout/", "javafx/scene/text/", "com/sun/javafx/scene/text/",
            "javafx/scene/shape/", "com/sun/javafx/scene/shape/", "javafx/scene/transform/", "javafx/css/",
            "com/sun/javafx/css/", "javafx/scene/image/", "org/controlsfx/control/", "org/controlsfx/validation/",
            "org/scalebridge/ui/");

    /** Starts the background load once (later calls return the same thread). */
    public static synchronized Thread start() {
        if (thread == null) {
            Thread t = new Thread(UiWarmup::loadAll, "ui-warmup");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
            thread = t;
        }
        return thread;
    }

    /** Number of classes loaded by the last run (for tests). */
    static volatile int loaded;

    private static void loadAll() {
        ClassLoader cl = UiWarmup.class.getClassLoader();
        int n = 0;
        for (Class<?> anchor : new Class<?>[] {javafx.scene.control.Control.class, javafx.scene.chart.Chart.class,
                javafx.scene.Node.class, org.controlsfx.validation.ValidationSupport.class, UiWarmup.class}) {
            for (String name : classNames(anchor)) {
                try {
                    Class.forName(name, false, cl);
                    n++;
                } catch (Throwable ignored) {
                    // a class that cannot load here (platform-specific, optional dependency) is simply skipped
                }
            }
        }
        loaded = n;
    }

    /** Names of the classes under {@link #PREFIXES} in the jar or folder that holds {@code anchor}. */
    private static List<String> classNames(Class<?> anchor) {
        List<String> out = new ArrayList<>();
        try {
            var src = anchor.getProtectionDomain().getCodeSource();
            if (src == null) return out;
            Path root = Path.of(src.getLocation().toURI());
            if (Files.isDirectory(root)) {
                collect(root, root, out);
            } else {
                try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + root.toUri()), Map.of())) {
                    collect(fs.getPath("/"), fs.getPath("/"), out);
                }
            }
        } catch (Exception | Error ignored) {
            // modules image, unusual class path: nothing to preload
        }
        return out;
    }

    private static void collect(Path root, Path dir, List<String> out) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(p -> {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.endsWith(".class") || rel.contains("module-info") || PREFIXES.stream().noneMatch(rel::startsWith)) return;
                out.add(rel.substring(0, rel.length() - 6).replace('/', '.'));
            });
        }
    }
}
