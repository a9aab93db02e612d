package org.scalebridge.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Layering rules (JabRef-style): the engine never touches the GUI. Only org.scalebridge.ui may use JavaFX,
 * ControlsFX, FXyz3D or the JFreeChart FX viewer, and no engine package may depend on org.scalebridge.ui.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/scalebridge");
    private static final Pattern GUI = Pattern.compile(
            "(^\\s*import\\s+(static\\s+)?(javafx|org\\.controlsfx|org\\.fxyz3d|org\\.jfree\\.chart\\.fx)\\.)"
            + "|(\\bjavafx\\.[a-z]+\\.[A-Z])", Pattern.MULTILINE);
    private static final Pattern UI = Pattern.compile("\\borg\\.scalebridge\\.ui\\b");

    @Test
    void onlyUiUsesJavaFx() throws IOException {
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String rel = MAIN.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith("ui/")) continue;
                String src = stripComments(Files.readString(p));
                if (GUI.matcher(src).find()) leaks.add(rel + " uses the GUI toolkit");
                // the CLI may launch the studio by name only (reflection), never import it
                if (UI.matcher(src).find() && !rel.startsWith("cli/")) leaks.add(rel + " depends on org.scalebridge.ui");
            }
        }
        assertTrue(leaks.isEmpty(), "layering violated:\n" + String.join("\n", leaks));
    }

    /** Documentation may name GUI classes; only code counts. */
    static String stripComments(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}
