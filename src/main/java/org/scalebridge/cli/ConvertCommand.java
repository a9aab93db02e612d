package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalebridge.core.InputException;
import org.scalebridge.io.Formats;
import org.scalebridge.io.IoOptions;
import org.scalebridge.io.StructureFormat;
import org.scalebridge.io.TrajectoryReader;
import org.scalebridge.structure.Structure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scalebridge convert IN OUT}: between the structure formats scientists already use. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a structure or trajectory between formats (chosen from the file names, or --to).",
                "The output is written atomically: an interrupted conversion never leaves a half file."})
public final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file.")
    Path out;

    @Option(names = "--to", paramLabel = "FORMAT", description = "Output format name (default: from OUT's name).")
    String to;

    @Option(names = "--frames", paramLabel = "SPEC",
            description = "Frames to keep: 'all' (default), 'first', 'last' or an index (0-based).", defaultValue = "all")
    String frames;

    @Option(names = "--types", split = ",", paramLabel = "EL",
            description = "Elements of LAMMPS atom types 1, 2, … (reading typed files, and the type order when writing).")
    String[] types;

    @Spec CommandSpec spec;

    static IoOptions options(String[] types) {
        IoOptions o = IoOptions.defaults();
        if (types != null && types.length > 0) o.types(types);
        return o;
    }

    @Override
    public Integer call() {
        IoOptions opt = options(types);
        StructureFormat target = to != null ? Formats.byName(to) : Formats.forWriting(out);
        if (!target.canWrite()) throw InputException.field(null, "--to", "format " + target.name() + " can only be read");
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw InputException.field(null, "OUT", "output would overwrite the input " + in);
        }
        List<Structure> kept = new ArrayList<>();
        String f = frames.trim().toLowerCase(java.util.Locale.ROOT);
        int index = -1;
        if (!f.equals("all") && !f.equals("first") && !f.equals("last")) {
            try {
                index = Integer.parseInt(f);
            } catch (NumberFormatException e) {
                throw InputException.field(null, "--frames", "expected all, first, last or a frame index, got '" + frames + "'");
            }
            if (index < 0) throw InputException.field(null, "--frames", "frame index must be ≥ 0, got " + index);
        }
        int count = 0;
        try (TrajectoryReader r = Formats.openTrajectory(in, opt)) {
            Structure s;
            Structure last = null;
            while ((s = r.next()) != null) {
                if (f.equals("all") || (f.equals("first") && count == 0) || count == index) kept.add(s);
                last = s;
                count++;
                if ((f.equals("first") && count == 1) || (index >= 0 && count > index)) break;
            }
            if (f.equals("last") && last != null) kept.add(last);
        }
        if (count == 0) throw InputException.at(in, -1, "file holds no structure");
        if (kept.isEmpty()) throw InputException.field(null, "--frames", "frame " + index + " does not exist: the file has " + count);
        target.write(out, kept, opt);
        spec.commandLine().getOut().printf("wrote %d frame%s (%d atoms in the first) to %s as %s%n",
                kept.size(), kept.size() == 1 ? "" : "s", kept.get(0).size(), out, target.name());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
