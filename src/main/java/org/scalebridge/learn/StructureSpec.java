package org.scalebridge.learn;

import java.nio.file.Path;
import java.util.Locale;
import org.scalebridge.io.Formats;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * A starting structure: a file (last frame of any format the io package reads) or a Prussian-blue-analogue cell from
 * {@link PbaBuilder} (phase, Na content x per formula unit, supercell, seed). TOML:
 * {@code { file = "start.extxyz" }} or {@code { phase = "rhombohedral", x = 1.0, supercell = [1, 1, 1], seed = 1 }};
 * without a phase, x &lt; 1 gives the tetragonal and x ≥ 1 the rhombohedral phase (the Na-poor/Na-rich phases of
 * MnFePBA).
 */
public record StructureSpec(Path file, String phase, double x, int[] supercell, long seed) {

    /** Reads a spec from a table; {@code key} names it in errors. */
    public static StructureSpec read(ConfigReader c) {
        if (c.has("file")) {
            c.rejectUnknown("file");
            return new StructureSpec(c.path("file", true), null, 0, null, 0);
        }
        c.rejectUnknown("phase", "x", "supercell", "seed");
        double x = c.real("x", 1.0, 0.0, 2.0);
        String phase = c.choice("phase", x < 1 ? "tetragonal" : "rhombohedral", "tetragonal", "rhombohedral");
        int[] sc = c.integers("supercell", new int[] {1, 1, 1});
        if (sc.length != 3 || sc[0] < 1 || sc[1] < 1 || sc[2] < 1) throw c.error("supercell", "expected three repetitions ≥ 1");
        return new StructureSpec(null, phase, x, sc, c.longValue("seed", 1));
    }

    /** A PBA cell at content x (phase from x). */
    public static StructureSpec pba(double x, int[] supercell, long seed) {
        return new StructureSpec(null, x < 1 ? "tetragonal" : "rhombohedral", x, supercell.clone(), seed);
    }

    public Structure build() {
        if (file != null) {
            var frames = Formats.read(file);
            if (frames.isEmpty()) throw org.scalebridge.core.InputException.at(file, 0, "no structure found");
            return frames.get(frames.size() - 1);
        }
        return new PbaBuilder(PbaPhase.valueOf(phase.toUpperCase(Locale.ROOT))).x(x).supercell(supercell[0], supercell[1], supercell[2])
                .seed(seed).build();
    }

    /** Short description for provenance. */
    public String describe() {
        return file != null ? "file " + file.getFileName()
                : String.format(Locale.ROOT, "%s x=%.3f %dx%dx%d seed %d", phase, x, supercell[0], supercell[1], supercell[2], seed);
    }
}
