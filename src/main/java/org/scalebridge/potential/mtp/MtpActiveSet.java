package org.scalebridge.potential.mtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.io.MlipCfg;

/**
 * The MaxVol active set of the extrapolation grade (Podryabinkin &amp; Shapeev 2017; Gubaev et al. 2019; Novikov et
 * al. 2021): an n×n matrix A whose rows are parameter-derivative rows (n = number of parameters) of selected
 * configurations (cfg mode: ∂E/∂θ / N^{w/2}) or neighbourhoods (nbh mode: ∂V_i/∂θ), and A⁻¹. The grade of a row b is
 * γ = max_j |(b A⁻¹)_j|; MaxVol swaps a row into A while some γ exceeds the threshold, which maximises |det A|.
 *
 * <p>Saved as MLIP-3 does in an {@code .almtp} file: the MTP text, {@code #MVS_v1.1}, five weight lines, {@code #},
 * A and (A⁻¹)ᵀ as little-endian row-major float64, {@code \n#\n}, n lines "cfg eqn" (−1 −1 for initial rows),
 * {@code #\n}, and the active-set configurations as .cfg text.
 */
public final class MtpActiveSet {
    public double energyWeight = 1, forceWeight = 0, stressWeight = 0, siteEnWeight = 0, weightScaling = 2;
    final int n;
    /** A, row-major. */
    final double[] a;
    /** A⁻¹, row-major. */
    final double[] ainv;
    final int[] linkCfg, linkEqn;
    public final List<MlipCfg.Configuration> configurations = new ArrayList<>();

    private MtpActiveSet(int n) {
        this.n = n;
        a = new double[n * n];
        ainv = new double[n * n];
        linkCfg = new int[n];
        linkEqn = new int[n];
    }

    /** A = initValue·I (MLIP's starting point; 1e-6 in MLIP-3), in cfg or nbh mode. */
    public static MtpActiveSet initial(int n, double initValue, boolean nbhMode) {
        MtpActiveSet s = new MtpActiveSet(n);
        for (int i = 0; i < n; i++) {
            s.a[i * n + i] = initValue;
            s.ainv[i * n + i] = 1 / initValue;
            s.linkCfg[i] = -1;
            s.linkEqn[i] = -1;
        }
        if (nbhMode) { s.energyWeight = 0; s.siteEnWeight = 1; }
        return s;
    }

    public int size() { return n; }

    public boolean nbhMode() { return siteEnWeight > 0; }

    /** Number of rows still at their initial value. */
    public int initialRows() {
        int c = 0;
        for (int l : linkCfg) if (l < 0) c++;
        return c;
    }

    /** γ of one row: max_j |(b A⁻¹)_j|. */
    public double grade(double[] b) {
        return grade(b, new double[n]);
    }

    /** γ of one row with a caller's scratch array (length ≥ n): b A⁻¹ accumulated row by row of A⁻¹ (contiguous). */
    public double grade(double[] b, double[] work) {
        mulInv(b, work);
        double g = 0;
        for (int j = 0; j < n; j++) g = Math.max(g, Math.abs(work[j]));
        return g;
    }

    /**
     * MaxVol over candidate rows: while some |(b A⁻¹)_j| &gt; threshold, swap the largest into row j (Sherman–Morrison
     * update of A⁻¹). Returns how many swaps were made; the links of swapped rows are set from rowCfg/rowEqn.
     */
    public int maxvol(double[][] rows, int[] rowCfg, int[] rowEqn, double threshold, int swapLimit) {
        int m = rows.length;
        double[][] c = new double[m][n];
        for (int r = 0; r < m; r++) mulInv(rows[r], c[r]);
        int swaps = 0;
        double[] col = new double[n], cb = new double[n];
        while (swapLimit <= 0 || swaps < swapLimit) {
            int br = -1, bj = -1;
            double best = threshold;
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < n; j++) {
                    double v = Math.abs(c[r][j]);
                    if (v > best) { best = v; br = r; bj = j; }
                }
            }
            if (br < 0) break;
            // A' = A + e_j (b − a_j)ᵀ ⇒ A'^{-1} = A^{-1} − (A^{-1} e_j)(c_b − e_j)ᵀ / c_b[j]
            System.arraycopy(c[br], 0, cb, 0, n);
            double piv = cb[bj];
            cb[bj] -= 1;
            for (int i = 0; i < n; i++) col[i] = ainv[i * n + bj];
            for (int i = 0; i < n; i++) {
                double f = col[i] / piv;
                if (f == 0) continue;
                for (int j = 0; j < n; j++) ainv[i * n + j] -= f * cb[j];
            }
            for (int r = 0; r < m; r++) {
                double f = c[r][bj] / piv;
                if (f == 0) continue;
                for (int j = 0; j < n; j++) c[r][j] -= f * cb[j];
            }
            System.arraycopy(rows[br], 0, a, bj * n, n);
            linkCfg[bj] = rowCfg[br];
            linkEqn[bj] = rowEqn[br];
            swaps++;
            // A is ill-conditioned (cond ~1e8 is common): rank-1 updates accumulate error, so re-invert regularly
            if (swaps % 16 == 0) {
                refreshInverse();
                for (int r = 0; r < m; r++) mulInv(rows[r], c[r]);
            }
        }
        if (swaps > 0) refreshInverse();
        return swaps;
    }

    /** Recomputes A⁻¹ from A by LU decomposition with partial pivoting. */
    public void refreshInverse() {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) System.arraycopy(a, i * n, m[i], 0, n);
        org.apache.commons.math3.linear.RealMatrix inv = new org.apache.commons.math3.linear.LUDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(m, false), 0).getSolver().getInverse();
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) ainv[i * n + j] = inv.getEntry(i, j);
    }

    private void mulInv(double[] b, double[] out) {
        for (int j = 0; j < n; j++) out[j] = 0;
        for (int i = 0; i < n; i++) {
            double bi = b[i];
            if (bi == 0) continue;
            for (int j = 0; j < n; j++) out[j] += bi * ainv[i * n + j];
        }
    }

    /** Reads the selection state of an MLIP-3 .almtp file (n = the potential's parameter count). */
    public static MtpActiveSet readAlmtp(Path file, int n) {
        byte[] d;
        try {
            d = Files.readAllBytes(file);
        } catch (IOException e) {
            throw InputException.at(file, 0, "cannot read: " + e.getMessage());
        }
        String head = MtpFormat.textPart(d);
        int p = head.length();
        if (p == d.length) throw InputException.at(file, 0, "no " + MtpFormat.MVS_MARKER + " selection state in this file");
        MtpActiveSet s = new MtpActiveSet(n);
        int line = (int) head.chars().filter(ch -> ch == '\n').count() + 1;
        int q = indexOf(d, (byte) '\n', p);
        for (int k = 0; k < 5; k++) {
            int e = indexOf(d, (byte) '\n', q + 1);
            if (e < 0) throw InputException.at(file, line + k + 1, "truncated selection-state header");
            String[] f = new String(d, q + 1, e - q - 1, StandardCharsets.US_ASCII).trim().split("\\s+");
            if (f.length != 2) throw InputException.at(file, line + k + 1, "expected 'name value'");
            double v;
            try {
                v = Double.parseDouble(f[1]);
            } catch (NumberFormatException ex) {
                throw InputException.at(file, line + k + 1, "expected a number, found '" + f[1] + "'");
            }
            switch (f[0]) {
                case "energy_weight": s.energyWeight = v; break;
                case "force_weight": s.forceWeight = v; break;
                case "stress_weight": s.stressWeight = v; break;
                case "site_en_weight": s.siteEnWeight = v; break;
                case "weight_scaling": s.weightScaling = v; break;
                default: throw InputException.at(file, line + k + 1, "unknown selection setting '" + f[0] + "'");
            }
            q = e;
        }
        int start = q + 1;
        if (start >= d.length || d[start] != '#') throw InputException.at(file, line + 6, "expected '#' before the binary matrices");
        start++;
        if (d.length < start + 16L * n * n) throw InputException.at(file, line + 6, "binary matrices truncated (need " + n + "×" + n + ")");
        ByteBuffer bb = ByteBuffer.wrap(d, start, 16 * n * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n * n; i++) s.a[i] = bb.getDouble();
        double[] mt = new double[n * n];
        for (int i = 0; i < n * n; i++) mt[i] = bb.getDouble();
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) s.ainv[i * n + j] = mt[j * n + i];
        String rest = new String(d, start + 16 * n * n, d.length - start - 16 * n * n, StandardCharsets.ISO_8859_1);
        String[] lines = rest.split("\n", -1);
        int li = 0;
        while (li < lines.length && lines[li].trim().isEmpty()) li++;
        if (li >= lines.length || !lines[li].trim().equals("#")) throw InputException.at(file, 0, "expected '#' after the matrices");
        li++;
        for (int k = 0; k < n; k++, li++) {
            String[] f = li < lines.length ? lines[li].trim().split("\\s+") : new String[0];
            if (f.length != 2) throw InputException.at(file, 0, "active-set link " + k + ": expected 'cfg eqn'");
            try {
                s.linkCfg[k] = Integer.parseInt(f[0]);
                s.linkEqn[k] = Integer.parseInt(f[1]);
            } catch (NumberFormatException e) {
                throw InputException.at(file, 0, "active-set link " + k + ": expected two integers");
            }
        }
        StringBuilder cfg = new StringBuilder();
        if (li < lines.length && lines[li].trim().equals("#")) li++;
        for (; li < lines.length; li++) cfg.append(lines[li]).append('\n');
        s.configurations.addAll(MlipCfg.parse(cfg.toString(), file + " (active-set configurations)"));
        return s;
    }

    private static int indexOf(byte[] d, byte b, int from) {
        for (int i = from; i < d.length; i++) if (d[i] == b) return i;
        return -1;
    }

    /** Writes the potential with this active set as an .almtp file (MLIP-3 layout), atomically. */
    public void writeAlmtp(Path file, MtpModel model) {
        AtomicFiles.writeBytes(file, out -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(MtpFormat.format(model).getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder h = new StringBuilder("\n" + MtpFormat.MVS_MARKER + "\n");
            h.append(String.format(Locale.ROOT, "energy_weight %.16e%nforce_weight %.16e%nstress_weight %.16e%n"
                    + "site_en_weight %.16e%nweight_scaling %.16e%n#", energyWeight, forceWeight, stressWeight, siteEnWeight,
                    weightScaling).replace(System.lineSeparator(), "\n"));
            b.write(h.toString().getBytes(StandardCharsets.US_ASCII));
            ByteBuffer bb = ByteBuffer.allocate(16 * n * n).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : a) bb.putDouble(v);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) bb.putDouble(ainv[j * n + i]);
            b.write(bb.array());
            StringBuilder t = new StringBuilder("\n#\n");
            for (int k = 0; k < n; k++) t.append(linkCfg[k]).append(' ').append(linkEqn[k]).append('\n');
            t.append("#\n");
            b.write(t.toString().getBytes(StandardCharsets.US_ASCII));
            StringWriter sw = new StringWriter();
            for (MlipCfg.Configuration c : configurations) MlipCfg.write(sw, c);
            b.write(sw.toString().getBytes(StandardCharsets.UTF_8));
            b.writeTo(out);
        });
    }
}
