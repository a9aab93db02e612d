package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scalebridge.io.Formats;
import org.scalebridge.io.IoOptions;
import org.scalebridge.io.TrajectoryReader;
import org.scalebridge.structure.Structure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scalebridge info FILE}: what a structure file holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show composition, cell, lattice parameters, volume, density and formula units of a structure file.",
                "The format is detected from the file name and content (extended XYZ, LAMMPS data/dump, …)."})
public final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Structure or trajectory file.")
    Path file;

    @Option(names = "--types", split = ",", paramLabel = "EL",
            description = "Elements of LAMMPS atom types 1, 2, … (e.g. --types Na,Mn,Fe,C,N).")
    String[] types;

    @Option(names = "--all-frames", description = "Count every frame of a trajectory (reads the whole file, streaming).")
    boolean allFrames;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        IoOptions opt = ConvertCommand.options(types);
        Structure first;
        int frames = 1;
        try (TrajectoryReader r = Formats.openTrajectory(file, opt)) {
            first = r.next();
            if (first == null) throw org.scalebridge.core.InputException.at(file, -1, "file holds no structure");
            if (allFrames) while (r.next() != null) frames++;
        }
        spec.commandLine().getOut().print(StructureInfo.describe(first, file.toString(), frames));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
