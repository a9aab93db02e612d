package org.scalebridge.ui.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scalebridge.analysis.FrameSeries;
import org.scalebridge.analysis.Msd;
import org.scalebridge.analysis.MsdResult;
import org.scalebridge.analysis.TrajectoryFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Progress;
import org.scalebridge.structure.Elements;

/**
 * One trajectory chosen in the MSD pane (no JavaFX): the file (LAMMPS dump, extended XYZ, XDATCAR or any format the
 * io package streams), the composition it belongs to (one Arrhenius line per composition), the diffusing species,
 * the temperature and the time per frame/step used when the file carries no times. {@link #computeMsd} reads it
 * with {@link TrajectoryFiles} and runs the engine's all-origins MSD ({@link Msd#allOriginsFft}).
 */
public final class TrajectorySource {
    public Path file;
    public String composition;
    public String species;
    public double temperature;
    /** ps per LAMMPS step / per frame (used only when the file has no time stamps). */
    public double timePerStep;

    public TrajectorySource(Path file, String composition, String species, double temperature, double timePerStep) {
        this.file = file; this.composition = composition; this.species = species; this.temperature = temperature;
        this.timePerStep = timePerStep;
    }

    private static final Pattern T_IN_NAME = Pattern.compile("(?i)(?:^|[-_ .])(\\d+(?:\\.\\d+)?)\\s*K(?=$|[-_ .])");

    /**
     * A source with its fields guessed from the file: temperature from a "…-600K…" name part, composition from the
     * rest of the name, species from the first frame (Na if present, else the first species). Unknown temperature
     * is NaN (the pane asks for it).
     */
    public static TrajectorySource guess(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.[A-Za-z]+$", "");
        Matcher m = T_IN_NAME.matcher(name);
        double t = Double.NaN;
        String comp = name;
        if (m.find()) {
            t = Double.parseDouble(m.group(1));
            comp = (name.substring(0, m.start()) + name.substring(m.end())).replaceAll("[-_ .]+$", "").replaceAll("^[-_ .]+", "");
        }
        if (comp.isBlank()) comp = file.getParent() == null ? "all" : file.getParent().getFileName().toString();
        List<String> sp = speciesOf(file);
        String species = sp.contains("Na") ? "Na" : sp.isEmpty() ? "all" : sp.get(0);
        return new TrajectorySource(file, comp, species, t, 0.001);
    }

    private static final class FirstFrameOnly extends RuntimeException {
        FirstFrameOnly() { super(null, null, false, false); }
    }

    /** Species labels of the first frame (element symbols, or LAMMPS type numbers). */
    public static List<String> speciesOf(Path file) {
        TreeSet<String> out = new TreeSet<>();
        try {
            TrajectoryFiles.stream(file, (f, i) -> {
                for (int z : f.structure().atomicNumbers()) out.add(label(z));
                throw new FirstFrameOnly();
            });
        } catch (FirstFrameOnly stop) {
            // first frame read
        }
        return new ArrayList<>(out);
    }

    private static String label(int z) {
        try { return Elements.symbol(z); } catch (RuntimeException e) { return Integer.toString(z); }
    }

    /** Atomic number (or LAMMPS type) of a species label; 0 selects all atoms. */
    static int speciesCode(String s, String where) {
        if (s == null || s.isBlank() || s.equalsIgnoreCase("all")) return 0;
        try { return Integer.parseInt(s.trim()); } catch (NumberFormatException e) { /* element symbol */ }
        try { return Elements.bySymbol(s.trim()).z(); }
        catch (RuntimeException e) { throw InputException.field(where, "species", "an element symbol, a LAMMPS type number or 'all', got '" + s + "'"); }
    }

    /** Checks the user-editable fields; throws an InputException naming the file and field. */
    public void validate() {
        String where = file.toString();
        if (!Files.isRegularFile(file)) throw InputException.field(where, "file", "not found");
        if (!(temperature > 0) || !Double.isFinite(temperature)) throw InputException.field(where, "T (K)", "a temperature > 0 K, got " + temperature);
        if (!(timePerStep > 0)) throw InputException.field(where, "Δt (ps)", "> 0 ps per step/frame, got " + timePerStep);
        if (composition == null || composition.isBlank()) throw InputException.field(where, "composition", "a non-empty label");
        speciesCode(species, where);
    }

    /** Reads the trajectory and computes the all-origins MSD of the chosen species with {@code blocks} blocks of atoms. */
    public MsdResult computeMsd(int blocks, Progress progress) {
        validate();
        FrameSeries fs = TrajectoryFiles.readSeries(file, timePerStep, 1);
        int code = speciesCode(species, file.toString());
        int[] atoms = code == 0 ? fs.select() : fs.select(code);
        if (atoms.length == 0) throw InputException.field(file.toString(), "species", "no atom of species " + species + " in the file");
        if (fs.frames() < 4) throw InputException.field(file.toString(), "frames", "an MSD needs at least 4 frames, found " + fs.frames());
        int nb = Math.max(1, Math.min(blocks, atoms.length));
        return Msd.allOriginsFft(fs, new Msd.Options(atoms, false, 0, nb), progress);
    }

    /**
     * Trajectory files of a project: every *.extxyz, *.xyz, *.dump, *.lammpstrj and XDATCAR* under its
     * {@code trajectories/} and {@code runs/} folders (structures are single frames and are skipped).
     */
    public static List<Path> projectTrajectories(Path projectDir) {
        List<Path> out = new ArrayList<>();
        for (String sub : new String[] {"trajectories", "runs"}) {
            Path d = projectDir.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.walk(d, 4)) {
                s.filter(Files::isRegularFile).filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".extxyz") || n.endsWith(".xyz") || n.endsWith(".dump") || n.endsWith(".lammpstrj")
                            || n.startsWith("xdatcar");
                }).filter(p -> !p.getFileName().toString().startsWith("final.")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
