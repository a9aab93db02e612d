package org.scalebridge.potential;

import java.util.Arrays;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * The LOCALISED-REDOX mode of the MnFePBA surrogate: every Fe and Mn is a redox site with a state sᵢ ∈ {oxidised,
 * reduced}; each Na⁺ in the cell reduces one site (a localised electron, a small polaron). A reduced site carries its
 * x = 0 charge minus q(Na) and a site energy εᵢ (eV); a reduced Mn's six Mn–N bonds use the Mn(II) rest length, an
 * oxidised Mn's the Mn(III) one (per site, no interpolation in the mean x).
 *
 * <p>The surrogate has no framework–framework non-bonded terms, so at fixed positions R the energy is exactly linear
 * in the states: E(R, s) = E(R, 0) + Σᵢ sᵢ hᵢ(R), with
 * hᵢ = εᵢ + Δqᵢ·Vᵢ + ΔE_self,i + ΔE_bond,i: Δqᵢ = −q(Na), Vᵢ the DSF potential of all Na at site i (the surrogate's
 * Coulomb acts on Na pairs only), ΔE_self,i the change of the site's DSF self term −(e_shift/2 + α/√π)k·q² (an
 * R-independent constant that LAMMPS {@code coul/dsf} also counts), and for Mn Σ_bonds K[(r − r0_II)² − (r − r0_III)²].
 * This class evaluates the Born–Oppenheimer-like surface E(R) = min over s with Σ sᵢ = N(Na) of E(R, s): the N(Na)
 * sites with the lowest hᵢ are reduced (ties: lower atom index first), then energy, forces and virial are those of
 * E(R, s) at the selected s (evaluated by the surrogate's ordinary terms with per-atom charges and two Mn–N bond
 * types, i.e. exactly what a LAMMPS deck with those charges and bond types gives) plus Σ sᵢ εᵢ.
 *
 * <p>Optional ({@code [redox] site_coulomb = true}): the DSF Coulomb interaction between the charge CHANGES of
 * reduced sites, E_ss = Σ_{i<j} sᵢ sⱼ Jᵢⱼ(R) with Jᵢⱼ = Δqᵢ Δqⱼ Σ_images k φ_DSF(rᵢⱼ) (plus ½ Jᵢᵢ of each site with
 * its own periodic images, folded into hᵢ). Without it the model has Na⁺–Na⁺ repulsion and Na⁺–electron attraction but
 * no electron–electron repulsion (the surrogate has no framework–framework non-bonded terms), which binds Na⁺/e⁻
 * pairs to each other and makes μ(N) fall within a couple. With it E(R, s) is quadratic in s; the minimum is found
 * by exact enumeration of the C(n, N) states (up to {@link #ENUMERATION_LIMIT}; beyond, by a deterministic greedy
 * fill plus pair-swap descent, a local minimum). The interaction of Δqᵢ with the oxidised framework charges is
 * not included (nearly constant per site; absorbed in εᵢ).
 *
 * <p>E(R) is continuous (a minimum over finitely many smooth surfaces), but its forces jump where two hᵢ cross
 * (the electron hops to another site): molecular dynamics on it conserves energy only between such crossings,
 * finite-difference checks must stay away from them ({@link #selectionGap()}).
 *
 * <p>Side effect: every evaluation writes the selected charges of the Fe/Mn sites into the structure's charge array
 * and the selected Mn–N bond types into the shared topology (the state is part of the model's output). Monte Carlo
 * energy changes ({@link #localChange()}) are exact full re-evaluations (the selected s may change anywhere in the
 * cell); E(before) is cached while the structure's positions, atom list and cell stay the same.
 * Not thread-safe (one instance per run, as every potential with buffers).
 */
public final class LocalisedRedoxPotential implements Potential {
    private static final double K = Units.COULOMB_EV_A;
    private final SumPotential inner;
    private final Topology topo;
    private final int typeOx, typeRed;
    private final int[] site;           // atom index of each Fe/Mn site
    private final boolean[] mn;
    private final double[] q0, qRed, eps, selfDelta;
    private final int[][] bondsOf, partnerOf; // Mn sites: Mn–N bond indices and their N atoms
    private final double kMnN, r0Ox, r0Red;
    private final double alpha, rc, rc2, fShift, eShift, qNa;
    private final Erfc.Mode erfcMode;
    private final double[] h, v;
    /** Largest number of states C(n, N) searched exactly with the site–site term. */
    public static final long ENUMERATION_LIMIT = 200_000;
    private final boolean siteCoulomb;
    private final double[] jm;          // Jᵢⱼ (n×n), i ≠ j; diagonal unused
    private final boolean[] trial;
    private final int[] order;
    private final boolean[] reduced;
    private final double[] d = new double[3];
    private double gap = Double.POSITIVE_INFINITY;

    /**
     * @param inner    the surrogate's terms (Buckingham + DSF on Na pairs + bonded), charges from the structure
     * @param topo     the topology the bonded term reads (its Mn–N bonds are re-typed per site state)
     * @param typeOx   bond type of Mn(III)–N (r0_x0)
     * @param typeRed  bond type of Mn(II)–N (r0_x2)
     * @param z        atomic numbers of the structure the model was built for (framework first)
     */
    LocalisedRedoxPotential(MnFePbaSurrogate ff, Erfc.Mode erfcMode, SumPotential inner, Topology topo, int typeOx, int typeRed, int[] z) {
        this.inner = inner;
        this.topo = topo;
        this.typeOx = typeOx;
        this.typeRed = typeRed;
        this.erfcMode = erfcMode;
        int nFw = topo.atomsReferenced();
        int ns = 0;
        for (int i = 0; i < nFw; i++) if (z[i] == 25 || z[i] == 26) ns++;
        site = new int[ns];
        mn = new boolean[ns];
        q0 = new double[ns]; qRed = new double[ns]; eps = new double[ns]; selfDelta = new double[ns];
        alpha = ff.dsfAlpha;
        rc = ff.dsfCut;
        rc2 = rc * rc;
        double erfcRc = Erfc.exact(alpha * rc), expRc = Math.exp(-alpha * alpha * rc * rc);
        // the constants of DsfCoulomb (Fennell & Gezelter 2006, eq. 19; LAMMPS coul/dsf)
        fShift = -(erfcRc / (rc * rc) + Erfc.TWO_OVER_SQRT_PI * alpha * expRc / rc);
        eShift = erfcRc / rc - fShift * rc;
        double selfPrefactor = -(eShift / 2 + alpha / Math.sqrt(Math.PI)) * K;
        qNa = ff.qNa;
        kMnN = ff.kMnN;
        r0Ox = ff.r0MnN0;
        r0Red = ff.r0MnN2;
        int k = 0;
        for (int i = 0; i < nFw; i++) {
            if (z[i] != 25 && z[i] != 26) continue;
            site[k] = i;
            mn[k] = z[i] == 25;
            q0[k] = mn[k] ? ff.qMn0 : ff.qFe0;
            qRed[k] = q0[k] - ff.qNa;
            eps[k] = mn[k] ? ff.epsMn : ff.epsFe;
            selfDelta[k] = selfPrefactor * (qRed[k] * qRed[k] - q0[k] * q0[k]);
            k++;
        }
        int[] siteOf = new int[nFw];
        Arrays.fill(siteOf, -1);
        for (int s = 0; s < ns; s++) siteOf[site[s]] = s;
        int[] count = new int[ns];
        int[] bt = topo.bondTable();
        for (int b = 0; b < topo.bondCount(); b++) {
            if (bt[3 * b] != typeOx && bt[3 * b] != typeRed) continue;
            int a = bt[3 * b + 1], c = bt[3 * b + 2];
            int s = a < nFw && siteOf[a] >= 0 ? siteOf[a] : siteOf[c];
            count[s]++;
        }
        bondsOf = new int[ns][];
        partnerOf = new int[ns][];
        for (int s = 0; s < ns; s++) { bondsOf[s] = new int[count[s]]; partnerOf[s] = new int[count[s]]; count[s] = 0; }
        for (int b = 0; b < topo.bondCount(); b++) {
            if (bt[3 * b] != typeOx && bt[3 * b] != typeRed) continue;
            int a = bt[3 * b + 1], c = bt[3 * b + 2];
            boolean aIsSite = a < nFw && siteOf[a] >= 0;
            int s = aIsSite ? siteOf[a] : siteOf[c];
            bondsOf[s][count[s]] = b;
            partnerOf[s][count[s]++] = aIsSite ? c : a;
        }
        siteCoulomb = ff.siteCoulomb;
        jm = siteCoulomb ? new double[ns * ns] : null;
        trial = new boolean[ns];
        h = new double[ns];
        v = new double[ns];
        order = new int[ns];
        reduced = new boolean[ns];
    }

    // ------------------------------------------------------------------ state selection

    /** hᵢ(R) of every site (eV): the energy of reducing site i alone at fixed positions. Fills {@link #h} and {@link #v}. */
    private void siteEnergies(Structure s) {
        Cell c = s.cell();
        double[] p = s.positions();
        int[] z = s.atomicNumbers();
        double[] q = s.charges();
        int n = s.size();
        for (int k = 0; k < site.length; k++) {
            int i = site[k];
            double pot = 0;
            for (int j = 0; j < n; j++) {
                if (z[j] != 11) continue;
                double qj = q == null ? 0 : q[j];
                if (qj == 0) continue;
                pot += qj * dsf(c, p[3 * j] - p[3 * i], p[3 * j + 1] - p[3 * i + 1], p[3 * j + 2] - p[3 * i + 2]);
            }
            v[k] = pot;
            double bond = 0;
            for (int t = 0; t < bondsOf[k].length; t++) {
                int nn = partnerOf[k][t];
                d[0] = p[3 * nn] - p[3 * i]; d[1] = p[3 * nn + 1] - p[3 * i + 1]; d[2] = p[3 * nn + 2] - p[3 * i + 2];
                double r = Math.sqrt(c.minimumImage(d));
                // harmonic E = K (r − r0)² (LAMMPS bond_style harmonic): Mn(II) minus Mn(III) rest length
                bond += kMnN * ((r - r0Red) * (r - r0Red) - (r - r0Ox) * (r - r0Ox));
            }
            h[k] = eps[k] + selfDelta[k] + (qRed[k] - q0[k]) * pot + bond;
        }
        if (siteCoulomb) {
            for (int a = 0; a < site.length; a++) {
                int i = site[a];
                double da = qRed[a] - q0[a];
                // ½ J_aa: the site's charge change with its own periodic images (r = 0 skipped)
                h[a] += 0.5 * da * da * dsf(c, 0, 0, 0);
                for (int b = a + 1; b < site.length; b++) {
                    int j = site[b];
                    double jab = da * (qRed[b] - q0[b]) * dsf(c, p[3 * j] - p[3 * i], p[3 * j + 1] - p[3 * i + 1], p[3 * j + 2] - p[3 * i + 2]);
                    jm[a * site.length + b] = jab;
                    jm[b * site.length + a] = jab;
                }
            }
        }
    }

    /** Σ sᵢ hᵢ + Σ_{i<j} sᵢ sⱼ Jᵢⱼ of a state. */
    private double stateEnergy(double[] hh, boolean[] st) {
        double e = 0;
        int n = st.length;
        for (int a = 0; a < n; a++) {
            if (!st[a]) continue;
            e += hh[a];
            if (siteCoulomb) for (int b = a + 1; b < n; b++) if (st[b]) e += jm[a * n + b];
        }
        return e;
    }

    /**
     * The minimum of Σ sᵢ hᵢ (+ Σ sᵢ sⱼ Jᵢⱼ) over states with count reduced sites; the argmin goes to {@code out}
     * (null: not wanted). Without the site–site term: the count lowest hᵢ (ties: lower site first).
     */
    private double minimise(double[] hh, int count, boolean[] out) {
        int n = hh.length;
        if (!siteCoulomb) {
            for (int k = 0; k < n; k++) order[k] = k;
            // insertion sort by (h, site index): deterministic ties, no allocation (8 sites per cell)
            for (int a = 1; a < n; a++) {
                int o = order[a];
                int b = a - 1;
                while (b >= 0 && (hh[order[b]] > hh[o] || (hh[order[b]] == hh[o] && order[b] > o))) { order[b + 1] = order[b]; b--; }
                order[b + 1] = o;
            }
            double e = 0;
            for (int k = 0; k < count; k++) e += hh[order[k]];
            if (out != null) { Arrays.fill(out, false); for (int k = 0; k < count; k++) out[order[k]] = true; }
            return e;
        }
        if (count == 0) { if (out != null) Arrays.fill(out, false); return 0; }
        double best = Double.POSITIVE_INFINITY;
        if (n <= 62 && binomial(n, count) <= ENUMERATION_LIMIT) {
            // all C(n, count) subsets in increasing bit order (Gosper's hack); first strict minimum wins
            long mask = (1L << count) - 1, bestMask = mask, end = 1L << n;
            while (mask < end) {
                for (int a = 0; a < n; a++) trial[a] = (mask >> a & 1) == 1;
                double e = stateEnergy(hh, trial);
                if (e < best) { best = e; bestMask = mask; }
                long c = mask & -mask, r = mask + c;
                mask = (((r ^ mask) >>> 2) / c) | r;
            }
            if (out != null) for (int a = 0; a < n; a++) out[a] = (bestMask >> a & 1) == 1;
            return best;
        }
        // large cells: greedy fill (lowest marginal energy), then pair swaps while they lower the energy
        Arrays.fill(trial, false);
        for (int k = 0; k < count; k++) {
            int pick = -1;
            double pe = Double.POSITIVE_INFINITY;
            for (int a = 0; a < n; a++) {
                if (trial[a]) continue;
                double e = hh[a];
                for (int b = 0; b < n; b++) if (trial[b]) e += jm[a * n + b];
                if (e < pe) { pe = e; pick = a; }
            }
            trial[pick] = true;
        }
        best = stateEnergy(hh, trial);
        boolean improved = true;
        while (improved) {
            improved = false;
            for (int a = 0; a < n && !improved; a++) {
                if (!trial[a]) continue;
                for (int b = 0; b < n && !improved; b++) {
                    if (trial[b]) continue;
                    trial[a] = false; trial[b] = true;
                    double e = stateEnergy(hh, trial);
                    if (e < best - 1e-12) { best = e; improved = true; } else { trial[a] = true; trial[b] = false; }
                }
            }
        }
        if (out != null) System.arraycopy(trial, 0, out, 0, n);
        return best;
    }

    private static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) { r = r * (n - k + i) / i; if (r > Long.MAX_VALUE / 64) return Long.MAX_VALUE; }
        return r;
    }

    /**
     * Σ over the periodic images within r_c of the DSF pair energy per unit charge product,
     * k[erfc(αr)/r − e_shift − r f_shift] (Fennell &amp; Gezelter 2006, eq. 19), for the displacement (dx, dy, dz).
     */
    private double dsf(Cell c, double ddx, double ddy, double ddz) {
        double[] hm = cellMatrix(c);
        // fractional difference wrapped to [−½, ½] on periodic axes: then the images within r_c have
        // |n_a| ≤ r_c/w_a + ½ along each axis (w_a the perpendicular width)
        double fa = c.fracX(ddx, ddy, ddz), fb = c.fracY(ddx, ddy, ddz), fc = c.fracZ(ddx, ddy, ddz);
        if (m[0] > 0) fa -= Math.rint(fa);
        if (m[1] > 0) fb -= Math.rint(fb);
        if (m[2] > 0) fc -= Math.rint(fc);
        double x0 = fa * hm[0] + fb * hm[3] + fc * hm[6];
        double y0 = fa * hm[1] + fb * hm[4] + fc * hm[7];
        double z0 = fa * hm[2] + fb * hm[5] + fc * hm[8];
        double pot = 0;
        for (int a = -m[0]; a <= m[0]; a++) {
            for (int b = -m[1]; b <= m[1]; b++) {
                for (int e = -m[2]; e <= m[2]; e++) {
                    double dx = x0 + a * hm[0] + b * hm[3] + e * hm[6];
                    double dy = y0 + a * hm[1] + b * hm[4] + e * hm[7];
                    double dz = z0 + a * hm[2] + b * hm[5] + e * hm[8];
                    double r2 = dx * dx + dy * dy + dz * dz;
                    if (r2 >= rc2 || r2 == 0) continue;
                    double r = Math.sqrt(r2);
                    double ex = Math.exp(-alpha * alpha * r2);
                    double erfc = Erfc.of(erfcMode, alpha * r, ex);
                    pot += K * (erfc / r - eShift - r * fShift);
                }
            }
        }
        return pot;
    }

    private Cell lastCell;
    private final double[] hmat = new double[9];
    private final int[] m = new int[3];

    private double[] cellMatrix(Cell c) {
        if (c != lastCell) {
            double[] hm = c.matrix();
            System.arraycopy(hm, 0, hmat, 0, 9);
            double[] w = c.perpendicularWidths();
            for (int a = 0; a < 3; a++) m[a] = images(w[a], c.periodic(a));
            lastCell = c;
        }
        return hmat;
    }

    private int images(double width, boolean periodic) {
        return periodic ? (int) Math.ceil(rc / width + 0.5) : 0;
    }

    private void requireSites(int nNa) {
        if (nNa > site.length) {
            throw InputException.field(null, "structure", "N(Na) = " + nNa + " exceeds the " + site.length
                    + " Fe/Mn redox sites of the localised-redox MnFePBA surrogate (each Na+ reduces one site)");
        }
    }

    /** Selects the N(Na) lowest hᵢ and writes the state into the structure's charges and the topology. */
    public void select(Structure s) {
        int nNa = s.count(11);
        requireSites(nNa);
        siteEnergies(s);
        double e = minimise(h, nNa, reduced);
        // gap: cheapest single flip (one reduced site oxidised, one oxidised reduced) above the selected state
        gap = Double.POSITIVE_INFINITY;
        for (int a = 0; a < reduced.length; a++) {
            if (!reduced[a]) continue;
            for (int b = 0; b < reduced.length; b++) {
                if (reduced[b]) continue;
                System.arraycopy(reduced, 0, trial, 0, trial.length);
                trial[a] = false; trial[b] = true;
                gap = Math.min(gap, stateEnergy(h, trial) - e);
            }
        }
        apply(s, reduced);
    }

    private void apply(Structure s, boolean[] state) {
        double[] q = s.ensureCharges();
        for (int k = 0; k < site.length; k++) {
            q[site[k]] = state[k] ? qRed[k] : q0[k];
            for (int b : bondsOf[k]) topo.setBondType(b, state[k] ? typeRed : typeOx);
        }
    }

    // ------------------------------------------------------------------ Potential

    @Override
    public String name() { return "mnfepba-surrogate localised redox [" + inner.name() + "]"; }

    @Override public double cutoff() { return inner.cutoff(); }

    /** Not local: the selected states depend on every Na within the DSF cutoff of every site. */
    @Override public boolean isLocal() { return false; }

    @Override
    public void compute(Structure s, ForceResult out) {
        select(s);
        evaluate(s, out);
    }

    /**
     * E(R, s) (+ Σ sᵢ εᵢ), forces and virial at a GIVEN state (one flag per site, in {@link #siteAtoms()} order),
     * e.g. for a brute-force minimum over s or a comparison with LAMMPS. Leaves that state in the structure.
     */
    public void computeAt(Structure s, boolean[] state, ForceResult out) {
        if (state.length != site.length) throw new IllegalArgumentException("expected " + site.length + " site states");
        requireSites(s.count(11));
        apply(s, state);
        System.arraycopy(state, 0, reduced, 0, state.length);
        gap = Double.NaN;
        evaluate(s, out);
    }

    private void evaluate(Structure s, ForceResult out) {
        inner.compute(s, out);
        if (siteCoulomb) siteSite(s, out);
        double e = 0;
        double[] pa = out.wantsPerAtom() ? out.perAtomEnergy() : null;
        for (int k = 0; k < site.length; k++) {
            if (!reduced[k]) continue;
            e += eps[k];
            if (pa != null) pa[site[k]] += eps[k];
        }
        out.addEnergy(e);
    }

    /**
     * Adds E_ss = Σ_{i<j} sᵢsⱼ Jᵢⱼ + Σᵢ sᵢ ½Jᵢᵢ of the current state with forces and virial: for each image pair
     * F = k ΔqᵢΔqⱼ [erfc(αr)/r² + 2α/√π e^{−α²r²}/r + f_shift] r̂ (as DsfCoulomb), W += Σ r_a f_b.
     */
    private void siteSite(Structure s, ForceResult out) {
        Cell c = s.cell();
        double[] hm = cellMatrix(c);
        double[] p = s.positions();
        double[] f = out.wantsForces() ? out.forces() : null, w = out.wantsVirial() ? out.virial() : null;
        double[] pa = out.wantsPerAtom() ? out.perAtomEnergy() : null;
        double etot = 0;
        for (int a = 0; a < site.length; a++) {
            if (!reduced[a]) continue;
            int i = site[a];
            double da = qRed[a] - q0[a];
            for (int b = a; b < site.length; b++) {
                if (!reduced[b]) continue;
                int j = site[b];
                double qq = da * (qRed[b] - q0[b]) * (a == b ? 0.5 : 1.0);
                double ddx = a == b ? 0 : p[3 * j] - p[3 * i], ddy = a == b ? 0 : p[3 * j + 1] - p[3 * i + 1], ddz = a == b ? 0 : p[3 * j + 2] - p[3 * i + 2];
                double fa = c.fracX(ddx, ddy, ddz), fb = c.fracY(ddx, ddy, ddz), fc = c.fracZ(ddx, ddy, ddz);
                if (m[0] > 0) fa -= Math.rint(fa);
                if (m[1] > 0) fb -= Math.rint(fb);
                if (m[2] > 0) fc -= Math.rint(fc);
                double x0 = fa * hm[0] + fb * hm[3] + fc * hm[6], y0 = fa * hm[1] + fb * hm[4] + fc * hm[7], z0 = fa * hm[2] + fb * hm[5] + fc * hm[8];
                double e = 0;
                for (int u = -m[0]; u <= m[0]; u++) for (int v2 = -m[1]; v2 <= m[1]; v2++) for (int t = -m[2]; t <= m[2]; t++) {
                    double dx = x0 + u * hm[0] + v2 * hm[3] + t * hm[6], dy = y0 + u * hm[1] + v2 * hm[4] + t * hm[7], dz = z0 + u * hm[2] + v2 * hm[5] + t * hm[8];
                    double r2 = dx * dx + dy * dy + dz * dz;
                    if (r2 >= rc2 || r2 == 0) continue;
                    double r = Math.sqrt(r2), ex = Math.exp(-alpha * alpha * r2), erfc = Erfc.of(erfcMode, alpha * r, ex);
                    double pre = K * qq;
                    e += pre * (erfc / r - eShift - r * fShift);
                    double fr = pre * (erfc / r2 + Erfc.TWO_OVER_SQRT_PI * alpha * ex / r + fShift) / r; // F on j along d = r_j − r_i
                    if (f != null && a != b) {
                        f[3 * j] += fr * dx; f[3 * j + 1] += fr * dy; f[3 * j + 2] += fr * dz;
                        f[3 * i] -= fr * dx; f[3 * i + 1] -= fr * dy; f[3 * i + 2] -= fr * dz;
                    }
                    if (w != null) AbstractPotential.addVirial6(w, fr * dx * dx, fr * dy * dy, fr * dz * dz, fr * dx * dy, fr * dx * dz, fr * dy * dz);
                }
                etot += e;
                if (pa != null) { pa[i] += 0.5 * e; pa[j] += 0.5 * e; }
            }
        }
        out.addEnergy(etot);
    }

    /** Energy at a given state (see {@link #computeAt}). */
    public double energyAt(Structure s, boolean[] state) {
        ForceResult r = new ForceResult();
        r.request(false, false, false);
        computeAt(s, state, r);
        return r.energy();
    }

    @Override public void setThreads(int threads) { inner.setThreads(threads); }

    @Override public void resetCaches() { inner.resetCaches(); }

    // ------------------------------------------------------------------ inspection

    /** Atom indices of the redox sites (Fe and Mn of the framework, ascending). */
    public int[] siteAtoms() { return site.clone(); }

    /** Site states of the last evaluation (true = reduced). */
    public boolean[] reducedSites() { return reduced.clone(); }

    /** hᵢ of the last selection (eV), per site. */
    public double[] siteEnergies() { return h.clone(); }

    /**
     * h of the lowest unselected site minus h of the highest selected one at the last selection (eV; +∞ when all or
     * no sites are reduced, NaN after {@link #computeAt}). Forces are smooth while this stays positive.
     */
    public double selectionGap() { return gap; }

    /** Site energy εᵢ of each site (eV). */
    public double[] siteRedoxEnergies() { return eps.clone(); }

    public boolean isMn(int k) { return mn[k]; }

    /** The surrogate's terms at fixed charges and bond types (without the site energies). */
    public Potential inner() { return inner; }

    // ------------------------------------------------------------------ Monte Carlo

    /**
     * Exact ΔE = E(after) − E(before) of the min-over-s surface, incremental for Na moves. The framework does not
     * move, so with B(R) = E(R, s = 0) and the current state s (whose charges the structure carries),
     * ΔB = ΔE_terms(s) − Σᵢ sᵢ Δqᵢ ΔVᵢ, where ΔE_terms(s) is the neighbourhood-only change of the Buckingham and DSF
     * terms at the current charges (the bonded energy does not change) and ΔVᵢ the change of the Na potential at
     * site i; then hᵢ' = hᵢ + Δqᵢ ΔVᵢ and ΔE = ΔB + Σ_{N' lowest} hᵢ' − Σ_{N lowest} hᵢ. Any change of the selected s
     * (anywhere in the cell) is therefore exact. An insertion beyond the number of sites returns +∞ (never
     * accepted). Moves of framework atoms and insertions of other elements fall back to full re-evaluations.
     * After an accepted move the state is re-selected on the structure (its site charges follow).
     */
    @Override
    public LocalChange localChange() { return new RedoxLocalChange(false); }

    /** The same ΔE by two full evaluations per move (reference for tests; slow). */
    public LocalChange fullRecomputeLocalChange() { return new RedoxLocalChange(true); }

    private final class RedoxLocalChange implements LocalChange {
        private final boolean full;
        private final LocalChange[] terms;
        private Structure ref;
        private double[] pos = new double[0], cellM = new double[9];
        private int[] zs = new int[0];
        private int n = -1, nNa;
        private double e0 = Double.NaN, sumSel;
        private final double[] hc = new double[site.length], hn = new double[site.length];
        private final boolean[] cur = new boolean[site.length];

        RedoxLocalChange(boolean full) {
            this.full = full;
            java.util.List<LocalChange> l = new java.util.ArrayList<>();
            for (Potential t : inner.terms()) if (t.isLocal()) l.add(t.localChange());
            terms = l.toArray(new LocalChange[0]);
        }

        /** Brings the cached state (h, s, term indices) to the structure's current positions. */
        private void ensure(Structure s) {
            if (matches(s)) return;
            select(s);
            System.arraycopy(h, 0, hc, 0, h.length);
            System.arraycopy(reduced, 0, cur, 0, cur.length);
            nNa = s.count(11);
            sumSel = minimise(hc, nNa, null);
            for (LocalChange t : terms) t.sync(s);
            e0 = Double.NaN;
            ref = s;
            n = s.size();
            if (pos.length < 3 * n) { pos = new double[3 * Math.max(n, s.capacity())]; zs = new int[Math.max(n, s.capacity())]; }
            System.arraycopy(s.positions(), 0, pos, 0, 3 * n);
            System.arraycopy(s.atomicNumbers(), 0, zs, 0, n);
            cellM = s.cell().matrix();
        }

        private boolean matches(Structure s) {
            if (s != ref || s.size() != n) return false;
            double[] p = s.positions();
            for (int k = 0; k < 3 * n; k++) if (p[k] != pos[k]) return false;
            int[] z = s.atomicNumbers();
            for (int k = 0; k < n; k++) if (z[k] != zs[k]) return false;
            double[] mm = s.cell().matrix();
            for (int k = 0; k < 9; k++) if (mm[k] != cellM[k]) return false;
            return true;
        }

        private double before(Structure s) {
            ensure(s);
            if (Double.isNaN(e0)) {
                e0 = energy(s);
                // energy(s) re-selected on the same positions: same state, nothing else to refresh
            }
            return e0;
        }

        /** ΔE from the change dv[k] (per unit site charge) of the Na potential at every site, for N → nAfter. */
        private double redoxPart(double dTerms, int nAfter) {
            if (nAfter > site.length) return Double.POSITIVE_INFINITY;
            double corr = 0;
            for (int k = 0; k < site.length; k++) {
                double dh = (qRed[k] - q0[k]) * v[k];
                if (cur[k]) corr += dh;
                hn[k] = hc[k] + dh;
            }
            return dTerms - corr + minimise(hn, nAfter, null) - sumSel;
        }

        private void siteShift(Structure s, double q, double x, double y, double z, double sign) {
            double[] p = s.positions();
            for (int k = 0; k < site.length; k++) {
                int i = site[k];
                v[k] += sign * q * dsf(s.cell(), x - p[3 * i], y - p[3 * i + 1], z - p[3 * i + 2]);
            }
        }

        @Override
        public double deltaMove(Structure s, int i, double x, double y, double z) {
            if (full || s.atomicNumber(i) != 11) {
                double e = before(s);
                Structure t = s.copy();
                t.setPosition(i, x, y, z);
                return energy(t) - e;
            }
            ensure(s);
            double dt = 0;
            for (LocalChange t : terms) dt += t.deltaMove(s, i, x, y, z);
            double q = s.charges()[i];
            double[] p = s.positions();
            Arrays.fill(v, 0);
            siteShift(s, q, x, y, z, 1);
            siteShift(s, q, p[3 * i], p[3 * i + 1], p[3 * i + 2], -1);
            return redoxPart(dt, nNa);
        }

        @Override
        public double deltaInsert(Structure s, int atomicNumber, double charge, double x, double y, double z) {
            if (full || atomicNumber != 11) {
                if (atomicNumber == 11 && s.count(11) + 1 > site.length) return Double.POSITIVE_INFINITY;
                double e = before(s);
                Structure t = s.copy();
                int k = t.addAtom(atomicNumber, x, y, z);
                if (t.hasCharges() || charge != 0) t.ensureCharges()[k] = charge;
                return energy(t) - e;
            }
            ensure(s);
            if (nNa + 1 > site.length) return Double.POSITIVE_INFINITY;
            double dt = 0;
            for (LocalChange t : terms) dt += t.deltaInsert(s, atomicNumber, charge, x, y, z);
            Arrays.fill(v, 0);
            siteShift(s, charge, x, y, z, 1);
            return redoxPart(dt, nNa + 1);
        }

        @Override
        public double deltaDelete(Structure s, int i) {
            if (full || s.atomicNumber(i) != 11) {
                double e = before(s);
                Structure t = s.copy();
                t.removeAtomSwapLast(i);
                return energy(t) - e;
            }
            ensure(s);
            double dt = 0;
            for (LocalChange t : terms) dt += t.deltaDelete(s, i);
            double[] p = s.positions();
            Arrays.fill(v, 0);
            siteShift(s, s.charges()[i], p[3 * i], p[3 * i + 1], p[3 * i + 2], -1);
            return redoxPart(dt, nNa - 1);
        }

        // an accepted move: re-select on the structure itself (its site charges follow) and re-index the terms
        @Override public void commitMove(Structure s, int i) { ref = null; ensure(s); }
        @Override public void commitInsert(Structure s, int i) { ref = null; ensure(s); }
        @Override public void commitDelete(Structure s, int i, int movedFrom) { ref = null; ensure(s); }
        @Override public void sync(Structure s) { ref = null; }
    }
}
