package org.scalebridge.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;

/**
 * MLIP-2/3 configuration files ({@code .cfg}) in the {@link Formats} registry, on top of {@link MlipCfg}.
 *
 * <p>A .cfg names species only by 0-based type numbers. The elements come, in this order, from the options'
 * species order ({@code convert --types}), from a {@code Feature species_order} line this writer adds, or else
 * the read fails with a message asking for the order. Written files carry that feature line, so ScaleBridge reads
 * its own files back without options; MLIP keeps unknown features, so the files stay valid MLIP input.
 */
public final class MlipCfgFormat implements StructureFormat {
    /** Feature key holding the element of each type, space-separated. */
    public static final String SPECIES_FEATURE = "species_order";

    @Override public String name() { return "mlip-cfg"; }

    @Override
    public int nameScore(String fileName) {
        return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".cfg") ? 5 : 0;
    }

    @Override
    public int contentScore(String head) {
        String t = head.stripLeading();
        return t.startsWith("BEGIN_CFG") ? 10 : 0;
    }

    @Override
    public TrajectoryReader open(String source, InputStream stream, IoOptions options) {
        String text;
        try (InputStream in = stream) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            text = buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InputException.at(source, -1, "cannot read: " + e.getMessage(), e);
        }
        List<MlipCfg.Configuration> cfgs = MlipCfg.parse(text, source);
        Iterator<MlipCfg.Configuration> it = cfgs.iterator();
        return new TrajectoryReader() {
            @Override public Structure next() {
                if (!it.hasNext()) return null;
                MlipCfg.Configuration c = it.next();
                return c.toStructure(typeToZ(c, options, source));
            }
            @Override public String source() { return source; }
            @Override public void close() {}
        };
    }

    private static int[] typeToZ(MlipCfg.Configuration c, IoOptions options, String source) {
        String[] order = options == null ? null : options.speciesOrder();
        if (order == null && options != null && !options.typeToZ().isEmpty()) {
            // LAMMPS-style 1-based type map (convert --types): MLIP type t is LAMMPS type t+1
            Map<Integer, Integer> m = options.typeToZ();
            int max = m.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            int[] z = new int[max];
            for (int t = 1; t <= max; t++) {
                Integer v = m.get(t);
                if (v == null) throw InputException.field(source, "types", "no element given for type " + t);
                z[t - 1] = v;
            }
            return z;
        }
        if (order == null) {
            String f = c.features.get(SPECIES_FEATURE);
            if (f != null && !f.isBlank()) order = f.trim().split("\\s+");
        }
        if (order == null) {
            throw InputException.at(source, -1, "an MLIP .cfg names species only by type number: give the elements of "
                    + "types 0, 1, … (e.g. convert --types Na,Mn,Fe,C,N)");
        }
        int[] z = new int[order.length];
        for (int t = 0; t < order.length; t++) z[t] = Elements.bySymbol(order[t], source, -1).z();
        return z;
    }

    @Override public boolean canWrite() { return true; }

    @Override
    public void write(Path file, List<Structure> frames, IoOptions options) {
        String[] order = options == null ? null : options.speciesOrder();
        int[] typeToZ;
        if (order != null) {
            typeToZ = new int[order.length];
            for (int t = 0; t < order.length; t++) typeToZ[t] = Elements.bySymbol(order[t]).z();
        } else {
            // every element present in any frame, by atomic number
            TreeSet<Integer> zs = new TreeSet<>();
            for (Structure s : frames) for (int i = 0; i < s.size(); i++) zs.add(s.atomicNumber(i));
            typeToZ = zs.stream().mapToInt(Integer::intValue).toArray();
        }
        StringBuilder names = new StringBuilder();
        for (int z : typeToZ) names.append(names.length() == 0 ? "" : " ").append(Elements.symbol(z));
        List<MlipCfg.Configuration> cfgs = new ArrayList<>(frames.size());
        for (Structure s : frames) {
            MlipCfg.Configuration c = MlipCfg.Configuration.fromStructure(s, typeToZ);
            c.features.put(SPECIES_FEATURE, names.toString());
            cfgs.add(c);
        }
        MlipCfg.write(file, cfgs);
    }
}
