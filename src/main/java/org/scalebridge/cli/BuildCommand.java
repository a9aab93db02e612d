package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalebridge.core.InputException;
import org.scalebridge.io.Formats;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaGeometry;
import org.scalebridge.structure.builders.PbaPhase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scalebridge build …}: structure builders. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build structures: Na_xMn[Fe(CN)6] frameworks (pba) and two-phase interface cells (interface).",
        subcommands = {BuildCommand.Pba.class, BuildCommand.Interface.class})
public final class BuildCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Parses "2x2x2" (or a single "3" meaning 3x3x3). */
    static int[] parseSupercell(String s) {
        String[] p = s.trim().toLowerCase(Locale.ROOT).split("[x×,]");
        try {
            if (p.length == 1) { int n = Integer.parseInt(p[0]); return new int[] {n, n, n}; }
            if (p.length == 3) return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw InputException.field(null, "--supercell", "expected NxMxL such as 2x2x2, got '" + s + "'");
    }

    static PbaPhase phase(String s) {
        PbaPhase p = PbaPhase.parse(s);
        if (p == null) throw InputException.field(null, "--phase", "expected rhombohedral (Na-rich) or tetragonal (Na-poor), got '" + s + "'");
        return p;
    }

    /** Options shared by the builders. */
    static class Common {
        @Option(names = "--phase", paramLabel = "PHASE", defaultValue = "rhombohedral",
                description = "rhombohedral (Na-rich, a=9.564 Å, α=82.6°) or tetragonal (Na-poor, a=9.986, c=9.983 Å). Default: ${DEFAULT-VALUE}.")
        String phase;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the random Na occupancy. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--ordered", description = "Ordered Na occupancy (fill one Na sublattice first) instead of random.")
        boolean ordered;

        @Option(names = "--na-sites", paramLabel = "SITES",
                description = "centre (8c cage centres) or displaced (along [111], Na–N 2.38 Å). Default: the phase's (displaced for rhombohedral, centre for tetragonal).")
        String naSites;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
                description = "Output file; the format follows the name (e.g. out.extxyz, out.data).")
        Path output;

        @Option(names = {"-v", "--verbose"}, description = "Print the solved framework geometry (targets and achieved values).")
        boolean verbose;

        PbaBuilder builder(double x, int[] sc) {
            PbaBuilder b = new PbaBuilder(phase(phase)).x(x).supercell(sc[0], sc[1], sc[2]).seed(seed)
                    .occupancy(ordered ? PbaBuilder.Occupancy.ORDERED : PbaBuilder.Occupancy.RANDOM);
            if (naSites != null) {
                String t = naSites.trim().toLowerCase(Locale.ROOT);
                if (t.equals("centre") || t.equals("center") || t.equals("8c")) b.displacedSodium(false);
                else if (t.equals("displaced")) b.displacedSodium(true);
                else throw InputException.field(null, "--na-sites", "expected centre or displaced, got '" + naSites + "'");
            }
            return b;
        }
    }

    @Command(name = "pba", mixinStandardHelpOptions = true,
            description = {"Build Na_xMn[Fe(CN)6] in the rhombohedral or tetragonal phase.",
                    "Example: scalebridge build pba --x 1.8 --phase rhombohedral --supercell 2x2x2 --seed 1 -o out.extxyz",
                    "The 80 Å box of the paper is --supercell 8x8x8 (28,672 framework atoms + up to 4,096 Na)."})
    static final class Pba extends Common implements Callable<Integer> {
        @Option(names = "--x", defaultValue = "2", description = "Na per formula unit, 0 … 2. Default: ${DEFAULT-VALUE}.")
        double x;

        @Option(names = "--supercell", defaultValue = "1x1x1", paramLabel = "NxMxL",
                description = "Repetitions of the 4-formula-unit pseudo-cubic cell. Default: ${DEFAULT-VALUE}.")
        String supercell;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PbaBuilder b = builder(x, parseSupercell(supercell));
            Structure s = b.build();
            Formats.write(output, s);
            CommandLine cl = spec.commandLine();
            if (verbose) cl.getOut().println(PbaGeometry.of(b.phase()).report());
            cl.getOut().printf(Locale.ROOT, "wrote %s: %d atoms, %s, x = %.4f, %s%n", output, s.size(), s.formula(),
                    (Double) s.info().get("x"), s.cell());
            cl.getOut().flush();
            return 0;
        }
    }

    @Command(name = "interface", mixinStandardHelpOptions = true,
            description = {"Two-phase interface cells: a Na-rich cell replicated N times along x with every Na in the upper",
                    "half (fractional x ≥ ½) removed. With --series, writes N = 1 … --repeats as frames of one file.",
                    "Example: scalebridge build interface --repeats 32 --series -o interfaces.extxyz"})
    static final class Interface extends Common implements Callable<Integer> {
        @Option(names = "--repeats", defaultValue = "8", paramLabel = "N",
                description = "Replications of the cell along x (1 … 10000). Default: ${DEFAULT-VALUE}.")
        int repeats;

        @Option(names = "--series", description = "Write the whole series 1 … N (one frame each) instead of N only.")
        boolean series;

        @Option(names = "--x", defaultValue = "2", description = "Na content of the Na-rich half. Default: ${DEFAULT-VALUE}.")
        double x;

        @Option(names = "--cross-section", defaultValue = "1x1", paramLabel = "MxL",
                description = "Repetitions along y and z. Default: ${DEFAULT-VALUE}.")
        String cross;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            int[] yz = parseSupercell("1x" + cross.trim());
            PbaBuilder b = builder(x, new int[] {1, yz[1], yz[2]});
            List<Structure> frames = series ? b.interfaceSeries(repeats) : List.of(b.interfaceCell(repeats));
            Formats.write(output, frames);
            Structure last = frames.get(frames.size() - 1);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d frame%s, largest %d atoms (%s)%n", output,
                    frames.size(), frames.size() == 1 ? "" : "s", last.size(), last.formula());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
