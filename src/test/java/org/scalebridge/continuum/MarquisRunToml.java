package org.scalebridge.continuum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code p2d} run configuration on the bundled Marquis2019 cell, written as dir/run.toml (CLI and output tests). */
final class MarquisRunToml {
    private MarquisRunToml() { }

    /**
     * @param mesh   negative, separator and positive volumes, negative and positive radial nodes
     * @param output lines of the [output] table
     * @param steps  lines of the [[step]] tables, each table starting with its own "[[step]]" line
     */
    static Path write(Path dir, int[] mesh, List<String> output, String... steps) throws IOException {
        List<String> l = new ArrayList<>(List.of("parameters = \"marquis2019\"", "[mesh]",
                "negative = " + mesh[0], "separator = " + mesh[1], "positive = " + mesh[2],
                "radial_negative = " + mesh[3], "radial_positive = " + mesh[4], "[output]"));
        l.addAll(output);
        l.addAll(List.of(steps));
        l.add("");
        Path cfg = dir.resolve("run.toml");
        Files.writeString(cfg, String.join("\n", l));
        return cfg;
    }
}
