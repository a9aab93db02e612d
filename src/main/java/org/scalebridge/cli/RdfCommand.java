package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalebridge.analysis.Rdf;
import org.scalebridge.analysis.TrajectoryFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Elements;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scalebridge rdf}: partial radial distribution functions and running coordination numbers. */
@Command(name = "rdf", mixinStandardHelpOptions = true,
        description = "Partial RDFs g_ab(r) (any triclinic cell) and running coordination numbers, averaged over the frames of a structure/trajectory file (extended XYZ or LAMMPS dump).")
public final class RdfCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE") Path file;
    @Option(names = "--rmax", defaultValue = "8.0", description = "largest distance (Å)") double rmax;
    @Option(names = "--bins", defaultValue = "400") int bins;
    @Option(names = "--every", defaultValue = "1", description = "use every n-th frame") int every;
    @Option(names = {"-o", "--out"}) Path out;

    @Override
    public Integer call() {
        if (every < 1) throw InputException.unphysical("--every", every, "≥ 1");
        Rdf[] rdf = new Rdf[1];
        TrajectoryFiles.stream(file, (f, i) -> {
            if (i % every != 0) return;
            if (rdf[0] == null) rdf[0] = Rdf.forSpeciesOf(f.structure(), rmax, bins);
            rdf[0].accumulate(f.structure());
        });
        Rdf r = rdf[0];
        List<String> header = new ArrayList<>(List.of("r_A"));
        List<double[]> cols = new ArrayList<>(List.of(r.r()));
        List<Object> summary = new ArrayList<>();
        for (int[] p : r.pairs()) {
            String a = label(p[0]), b = label(p[1]);
            double[] g = r.g(p[0], p[1]);
            header.add("g_" + a + "-" + b);
            cols.add(g);
            int peak = 0;
            for (int k = 1; k < g.length; k++) if (g[k] > g[peak]) peak = k;
            if (g[peak] == 0) { summary.add(CliTables.map("pair", a + "-" + b, "note", "no pairs within r_max")); continue; }
            int min = peak + 1;
            while (min + 1 < g.length && g[min] > g[min + 1]) min++; // first local minimum (or start of a zero gap) after the peak
            summary.add(CliTables.map("pair", a + "-" + b, "first_peak_r_A", r.r()[peak], "first_peak_g", g[peak],
                    "first_min_r_A", r.rUpper()[Math.min(min, g.length - 1)],
                    "cn_" + a + "_around_" + b + "_at_first_min", r.coordination(p[1], p[0])[Math.min(min, g.length - 1)],
                    "cn_" + b + "_around_" + a + "_at_first_min", r.coordination(p[0], p[1])[Math.min(min, g.length - 1)]));
        }
        for (int[] p : r.pairs()) {
            header.add("cn_" + label(p[1]) + "_around_" + label(p[0]) + "(r_upper)");
            cols.add(r.coordination(p[0], p[1]));
            if (p[0] != p[1]) {
                header.add("cn_" + label(p[0]) + "_around_" + label(p[1]) + "(r_upper)");
                cols.add(r.coordination(p[1], p[0]));
            }
        }
        Path prefix = out != null ? out : Path.of(file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        CliTables.writeCsv(CliTables.sibling(prefix, ".rdf.csv"), header, cols);
        CliTables.writeJson(CliTables.sibling(prefix, ".rdf.json"), CliTables.map("input", file.toString(), "frames", r.frames(),
                "rmax_A", rmax, "bin_width_A", rmax / bins, "normalisation", "g_ab = n_ab / [N_a (N_b - delta_ab)/V * shell volume]; cn at bin upper edges",
                "pairs", summary));
        System.out.printf("%d frame(s), %d pair(s); wrote %s, %s%n", r.frames(), r.pairs().size(), CliTables.sibling(prefix, ".rdf.csv"), CliTables.sibling(prefix, ".rdf.json"));
        for (Object o : summary) System.out.println("  " + o);
        return 0;
    }

    static String label(int z) {
        return z >= 1 && z <= Elements.MAX_Z ? Elements.symbol(z) : "type" + z;
    }
}
