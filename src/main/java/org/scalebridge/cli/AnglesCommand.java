package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalebridge.analysis.BondAngles;
import org.scalebridge.analysis.TrajectoryFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Elements;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scalebridge angles}: bond-angle distributions of chosen triplets (vertex in the middle). */
@Command(name = "angles", mixinStandardHelpOptions = true,
        description = "Bond-angle distributions of triplets A-B-C (B the vertex), e.g. --triplet Mn-N-C:2.4:1.4 --triplet Fe-C-N:2.1:1.4 (cutoffs A–B and C–B in Å).")
public final class AnglesCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE") Path file;
    @Option(names = "--triplet", required = true, description = "A-B-C:rAB:rCB (element symbols or numeric types)") List<String> triplets;
    @Option(names = "--bins", defaultValue = "180") int bins;
    @Option(names = "--every", defaultValue = "1") int every;
    @Option(names = {"-o", "--out"}) Path out;

    @Override
    public Integer call() {
        List<BondAngles> ba = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String t : triplets) {
            String[] p = t.split(":");
            String[] s = p[0].split("-");
            if (s.length != 3 || p.length != 3) throw InputException.field("angles", "--triplet", "expected A-B-C:rAB:rCB, got " + t);
            ba.add(new BondAngles(z(s[0]), z(s[1]), z(s[2]), Double.parseDouble(p[1]), Double.parseDouble(p[2]), bins));
            names.add(p[0]);
        }
        int[] frames = {0};
        TrajectoryFiles.stream(file, (f, i) -> {
            if (i % every != 0) return;
            for (BondAngles b : ba) b.accumulate(f.structure());
            frames[0]++;
        });
        Path prefix = out != null ? out : Path.of(file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        List<String> header = new ArrayList<>(List.of("theta_deg"));
        List<double[]> cols = new ArrayList<>(List.of(ba.get(0).angles()));
        List<Object> summary = new ArrayList<>();
        for (int k = 0; k < ba.size(); k++) {
            header.add("p_" + names.get(k) + "_1/deg");
            cols.add(ba.get(k).density());
            summary.add(CliTables.map("triplet", names.get(k), "angles", ba.get(k).total(), "mean_deg", CliTables.num(ba.get(k).mean()), "std_deg", CliTables.num(ba.get(k).std())));
        }
        CliTables.writeCsv(CliTables.sibling(prefix, ".angles.csv"), header, cols);
        CliTables.writeJson(CliTables.sibling(prefix, ".angles.json"), CliTables.map("input", file.toString(), "frames", frames[0], "triplets", summary));
        System.out.printf("%d frame(s); wrote %s, %s%n", frames[0], CliTables.sibling(prefix, ".angles.csv"), CliTables.sibling(prefix, ".angles.json"));
        for (Object o : summary) System.out.println("  " + o);
        return 0;
    }

    static int z(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            var el = Elements.bySymbolOrNull(s);
            if (el == null) throw InputException.field("angles", "--triplet", "unknown element '" + s + "'");
            return el.z();
        }
    }
}
