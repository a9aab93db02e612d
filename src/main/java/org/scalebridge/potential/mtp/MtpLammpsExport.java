package org.scalebridge.potential.mtp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.structure.Elements;

/**
 * Exports a trained MTP for LAMMPS on a cluster. There is one file format for all three LAMMPS routes: MLIP-2's
 * {@code .mtp} text (written by {@link MtpFormat}, byte-compatible with MLIP-2/3).
 *
 * <ul>
 *   <li><b>LAMMPS' own ML-MTP package</b> ({@code pair_style mtp}, in the LAMMPS source tree as {@code src/ML-MTP},
 *       contributed by Meng, Grant and Béland): reads MLIP-2 {@code .mtp} / MLIP-3 {@code .almtp} text itself; there is
 *       no separate format. Its reader is strict about the layout: first line {@code MTP}, second line exactly
 *       {@code version = 1.1.0}, keywords in MLIP's order, the radial blocks labelled {@code i-j} with 0 ≤ i, j &lt;
 *       species_count (the labels are used as the coefficient index), every radial function used by some basic
 *       moment, and each {@code alpha_*} list on one line. This class writes exactly that (canonical labels) and
 *       checks it with {@link #mlMtpProblems}. pair_coeff maps LAMMPS atom types to MTP types:
 *       <pre>
 * pair_style mtp
 * pair_coeff * * NAME.mtp 0 1        # LAMMPS type 1 = MTP type 0, type 2 = MTP type 1, …
 *       </pre>
 *       (Requires {@code newton on}, the default; extrapolation grades: {@code pair_style mtp/extrapolation} with a
 *       {@code .almtp} holding the active set, see {@link MtpActiveSet#writeAlmtp}.)</li>
 *   <li><b>MLIP-2 interface</b> (interface-lammps-mlip-2, LAMMPS built with MLIP as a library): {@code mlip.ini}
 *       holds {@code mtp-filename NAME.mtp} and {@code select FALSE};
 *       <pre>
 * pair_style mlip mlip.ini
 * pair_coeff * *
 *       </pre></li>
 *   <li><b>MLIP-3 interface</b> (interface-lammps-mlip-3):
 *       <pre>
 * pair_style mlip load_from=NAME.mtp extrapolation_control=false
 * pair_coeff * *
 *       </pre></li>
 * </ul>
 * In both MLIP interfaces LAMMPS atom type k is MTP type k−1 (the order of {@code typeToZ}). Use {@code units metal}.
 * The Debian LAMMPS on the development machine (29 Sep 2021, update 2) has none of these styles.
 */
public final class MtpLammpsExport {
    private MtpLammpsExport() {}

    /** Writes NAME.mtp, mlip.ini and NAME.lammps.in (the input lines above, with the type order) into dir. */
    public static void export(MtpModel model, int[] typeToZ, Path dir, String name) {
        if (!model.isTrained()) throw new IllegalArgumentException("only a trained MTP can be exported");
        if (typeToZ.length != model.speciesCount) {
            throw new IllegalArgumentException("the potential has " + model.speciesCount + " species, " + typeToZ.length + " elements given");
        }
        MtpModel m = model.copy();
        m.blockSpecies = null; // ML-MTP uses the i-j labels as coefficient indices: write 0..C-1
        m.version = "1.1.0";
        String text = MtpFormat.format(m);
        List<String> problems = mlMtpProblems(text);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("this MTP cannot be read by LAMMPS' pair_style mtp: " + String.join("; ", problems));
        }
        AtomicFiles.writeString(dir.resolve(name + ".mtp"), text);
        AtomicFiles.writeString(dir.resolve("mlip.ini"), "mtp-filename " + name + ".mtp\nselect FALSE\n");
        StringBuilder b = new StringBuilder();
        b.append("# LAMMPS input lines for ").append(name).append(".mtp (units metal)\n");
        b.append("# atom types: ");
        StringBuilder map = new StringBuilder();
        for (int t = 0; t < typeToZ.length; t++) {
            b.append(String.format(Locale.ROOT, "%d = %s%s", t + 1, Elements.symbol(typeToZ[t]), t + 1 < typeToZ.length ? ", " : "\n"));
            map.append(' ').append(t);
        }
        b.append("# LAMMPS ML-MTP package (pair_style mtp, newton on):\n");
        b.append("pair_style mtp\npair_coeff * * ").append(name).append(".mtp").append(map).append('\n');
        b.append("# or, LAMMPS built with the MLIP-2 interface (instead of the two lines above):\n");
        b.append("# pair_style mlip mlip.ini\n# pair_coeff * *\n");
        b.append("# or, LAMMPS built with the MLIP-3 interface:\n# pair_style mlip load_from=").append(name)
                .append(".mtp extrapolation_control=false\n# pair_coeff * *\n");
        b.append(String.format(Locale.ROOT, "# cutoff %.3f A (from the file): use e.g. neighbor 1.0 bin%n", model.maxDist));
        AtomicFiles.writeString(dir.resolve(name + ".lammps.in"), b.toString());
    }

    /**
     * The layout rules of LAMMPS' ML-MTP reader (pair_style mtp) checked on .mtp text; empty when the text is
     * readable. Rules: line 1 {@code MTP}; line 2 exactly {@code version = 1.1.0}; then optional potential_name,
     * optional scaling, species_count, optional potential_tag, radial_basis_type = RBChebyshev, (optional scaling),
     * min_dist, max_dist, radial_basis_size, radial_funcs_count, radial_coeffs with C² blocks labelled i-j (0 ≤ i, j &lt;
     * C) of K lines of R numbers, alpha_moments_count, alpha_index_basic_count, alpha_index_basic (one line, max μ = K−1),
     * alpha_index_times_count, alpha_index_times (one line), alpha_scalar_moments, alpha_moment_mapping,
     * species_coeffs (C values), moment_coeffs.
     */
    public static List<String> mlMtpProblems(String text) {
        List<String> p = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        List<String> lines = new ArrayList<>();
        for (String l : raw) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("#")) lines.add(l);
        }
        int[] at = {0};
        try {
            if (!next(lines, at).strip().equals("MTP")) p.add("line 1 is not 'MTP'");
            String v = next(lines, at);
            if (!v.equals("version = 1.1.0")) p.add("line 2 is '" + v + "', the reader needs exactly 'version = 1.1.0'");
            String[] kv = kv(next(lines, at));
            if (kv[0].equals("potential_name")) kv = kv(next(lines, at));
            if (kv[0].equals("scaling")) { Double.parseDouble(kv[1]); kv = kv(next(lines, at)); }
            if (!kv[0].equals("species_count")) { p.add("species_count not where expected (found '" + kv[0] + "')"); return p; }
            int c = Integer.parseInt(kv[1]);
            kv = kv(next(lines, at));
            if (kv[0].equals("potential_tag")) kv = kv(next(lines, at));
            if (!kv[0].equals("radial_basis_type") || !kv[1].equals("RBChebyshev")) { p.add("radial_basis_type must be RBChebyshev"); return p; }
            kv = kv(next(lines, at));
            if (kv[0].equals("scaling")) kv = kv(next(lines, at));
            if (!kv[0].equals("min_dist")) { p.add("min_dist missing"); return p; }
            kv = kv(next(lines, at));
            if (!kv[0].equals("max_dist")) { p.add("max_dist missing"); return p; }
            kv = kv(next(lines, at));
            if (!kv[0].equals("radial_basis_size")) { p.add("radial_basis_size missing"); return p; }
            int r = Integer.parseInt(kv[1]);
            kv = kv(next(lines, at));
            if (!kv[0].equals("radial_funcs_count")) { p.add("radial_funcs_count missing"); return p; }
            int k = Integer.parseInt(kv[1]);
            if (!next(lines, at).strip().equals("radial_coeffs")) { p.add("radial_coeffs missing (untrained?)"); return p; }
            boolean[] seen = new boolean[c * c];
            for (int b = 0; b < c * c; b++) {
                String[] lab = next(lines, at).strip().split("-");
                int i = Integer.parseInt(lab[0].strip()), j = Integer.parseInt(lab[1].strip());
                if (i < 0 || j < 0 || i >= c || j >= c) p.add("radial block label " + i + "-" + j + " outside 0.." + (c - 1));
                else seen[i * c + j] = true;
                for (int mu = 0; mu < k; mu++) {
                    int nums = numbers(next(lines, at)).length;
                    if (nums != r) p.add("radial block " + i + "-" + j + " function " + mu + " has " + nums + " numbers, expected " + r);
                }
            }
            for (boolean s : seen) if (!s) { p.add("a radial block label is missing or repeated"); break; }
            kv = kv(next(lines, at));
            if (!kv[0].equals("alpha_moments_count")) { p.add("alpha_moments_count missing"); return p; }
            kv = kv(next(lines, at));
            if (!kv[0].equals("alpha_index_basic_count")) { p.add("alpha_index_basic_count missing"); return p; }
            int nb = Integer.parseInt(kv[1]);
            String l = next(lines, at);
            if (!l.strip().startsWith("alpha_index_basic")) { p.add("alpha_index_basic missing"); return p; }
            double[] basic = numbers(l.substring(l.indexOf('=') + 1));
            if (basic.length != 4 * nb) p.add("alpha_index_basic has " + basic.length / 4 + " entries on its line, expected " + nb);
            int maxMu = -1;
            for (int q = 0; q + 3 < basic.length; q += 4) maxMu = Math.max(maxMu, (int) basic[q]);
            if (maxMu != k - 1) p.add("the basic moments use radial functions 0.." + maxMu + " but radial_funcs_count = " + k);
            kv = kv(next(lines, at));
            if (!kv[0].equals("alpha_index_times_count")) { p.add("alpha_index_times_count missing"); return p; }
            int nt = Integer.parseInt(kv[1]);
            l = next(lines, at);
            if (!l.strip().startsWith("alpha_index_times")) { p.add("alpha_index_times missing"); return p; }
            if (numbers(l.substring(l.indexOf('=') + 1)).length != 4 * nt) p.add("alpha_index_times has the wrong number of entries on its line");
            kv = kv(next(lines, at));
            if (!kv[0].equals("alpha_scalar_moments")) { p.add("alpha_scalar_moments missing"); return p; }
            int ns = Integer.parseInt(kv[1]);
            l = next(lines, at);
            if (!l.strip().startsWith("alpha_moment_mapping") || numbers(l.substring(l.indexOf('=') + 1)).length != ns) p.add("alpha_moment_mapping missing or of the wrong length");
            l = next(lines, at);
            if (!l.strip().startsWith("species_coeffs") || numbers(l.substring(l.indexOf('=') + 1)).length != c) p.add("species_coeffs missing or not " + c + " values");
            l = next(lines, at);
            if (!l.strip().startsWith("moment_coeffs") || numbers(l.substring(l.indexOf('=') + 1)).length != ns) p.add("moment_coeffs missing or not " + ns + " values");
        } catch (RuntimeException e) {
            p.add("unreadable near non-empty line " + at[0] + ": " + e.getMessage());
        }
        return p;
    }

    private static String next(List<String> lines, int[] at) {
        if (at[0] >= lines.size()) throw new IllegalStateException("unexpected end of file");
        return lines.get(at[0]++);
    }

    private static String[] kv(String line) {
        int e = line.indexOf('=');
        if (e < 0) return new String[] {line.strip(), ""};
        return new String[] {line.substring(0, e).strip(), line.substring(e + 1).strip()};
    }

    private static double[] numbers(String s) {
        String t = s.replace('{', ' ').replace('}', ' ').replace(',', ' ').strip();
        if (t.isEmpty()) return new double[0];
        String[] parts = t.split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) v[i] = Double.parseDouble(parts[i]);
        return v;
    }
}
