package org.scalebridge.potential.mtp;

import java.nio.file.Path;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.structure.Elements;

/**
 * Exports a trained MTP for LAMMPS on a cluster through the MLIP–LAMMPS interfaces, which read MLIP's own .mtp text
 * (written by {@link MtpFormat}, byte-compatible with MLIP-2/3):
 *
 * <pre>
 * # MLIP-2 interface (interface-lammps-mlip-2): mlip.ini holds "mtp-filename NAME.mtp" and "select FALSE"
 * pair_style mlip mlip.ini
 * pair_coeff * *
 *
 * # MLIP-3 interface (interface-lammps-mlip-3)
 * pair_style mlip load_from=NAME.mtp extrapolation_control=false
 * pair_coeff * *
 * </pre>
 *
 * LAMMPS atom type k must be MTP type k−1 (the order of {@code typeToZ}); use {@code units metal}.
 */
public final class MtpLammpsExport {
    private MtpLammpsExport() {}

    /** Writes NAME.mtp, mlip.ini and NAME.lammps.in (the input lines above, with the type order) into dir. */
    public static void export(MtpModel model, int[] typeToZ, Path dir, String name) {
        if (!model.isTrained()) throw new IllegalArgumentException("only a trained MTP can be exported");
        MtpFormat.write(dir.resolve(name + ".mtp"), model);
        AtomicFiles.writeString(dir.resolve("mlip.ini"), "mtp-filename " + name + ".mtp\nselect FALSE\n");
        StringBuilder b = new StringBuilder();
        b.append("# LAMMPS input lines for ").append(name).append(".mtp (units metal)\n");
        b.append("# atom types: ");
        for (int t = 0; t < typeToZ.length; t++) {
            b.append(String.format(Locale.ROOT, "%d = %s%s", t + 1, Elements.symbol(typeToZ[t]), t + 1 < typeToZ.length ? ", " : "\n"));
        }
        b.append("# MLIP-2 interface:\npair_style mlip mlip.ini\npair_coeff * *\n");
        b.append("# MLIP-3 interface (instead of the two lines above):\n# pair_style mlip load_from=").append(name)
                .append(".mtp extrapolation_control=false\n# pair_coeff * *\n");
        b.append(String.format(Locale.ROOT, "# cutoff %.3f A: use e.g. neighbor 1.0 bin%n", model.maxDist));
        AtomicFiles.writeString(dir.resolve(name + ".lammps.in"), b.toString());
    }
}
