package org.scalebridge.potential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * The LOCALISED-REDOX mode of the MnFePBA surrogate ({@link LocalisedRedoxPotential}): the selected state is the
 * exact minimum over all states, charge neutrality at every N, forces and virial are derivatives of the min-over-s
 * surface away from level crossings, all-reduced equals the mean-field x = 2 model plus the site energies, and
 * E(R, s) at a fixed s equals LAMMPS with per-atom charges and two Mn–N bond types (skipped without lmp).
 */
class MnFePbaSurrogateRedoxTest {

    /** 1×1×1 rhombohedral framework (x = 0) with n Na in distinct random cages, framework jittered by ±0.05 Å. */
    static Structure cell(int n, long seed) {
        Structure s = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(0).supercell(1, 1, 1).seed(seed).build();
        Rng rng = new Rng(seed);
        for (int i = 0; i < s.size(); i++) {
            for (int d = 0; d < 3; d++) s.positions()[3 * i + d] += 0.05 * (2 * rng.nextDouble() - 1);
        }
        double[] fe = s.fractional(0);
        int[] cages = {0, 1, 2, 3, 4, 5, 6, 7};
        for (int k = 7; k > 0; k--) { int j = rng.nextInt(k + 1); int t = cages[k]; cages[k] = cages[j]; cages[j] = t; }
        for (int m = 0; m < n; m++) {
            int c = cages[m];
            double[] f = {fe[0] + 0.25 + 0.5 * (c & 1) + 0.03 * rng.nextGaussian(), fe[1] + 0.25 + 0.5 * ((c >> 1) & 1) + 0.03 * rng.nextGaussian(),
                    fe[2] + 0.25 + 0.5 * ((c >> 2) & 1) + 0.03 * rng.nextGaussian()};
            double[] r = new double[3];
            s.cell().toCartesian(f, r);
            int i = s.addAtom(11, r[0], r[1], r[2]);
            s.ensureCharges()[i] = 0.8;
        }
        return s;
    }

    /** The shipped localised file with the site–site (electron–electron) term switched on or off. */
    static MnFePbaSurrogate variant(boolean siteCoulomb) {
        try {
            String t = new String(MnFePbaSurrogate.class.getResourceAsStream(MnFePbaSurrogate.RESOURCE_LOCALISED).readAllBytes());
            t = t.replaceAll("(?m)^site_coulomb = \\w+", "site_coulomb = " + siteCoulomb);
            Path f = Files.createTempFile("redox", ".toml");
            Files.writeString(f, t);
            MnFePbaSurrogate ff = MnFePbaSurrogate.load(f);
            Files.delete(f);
            return ff;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sharesEveryOtherParameterWithTheMeanFieldFile() {
        MnFePbaSurrogate a = MnFePbaSurrogate.load(), b = MnFePbaSurrogate.loadLocalised();
        assertFalse(a.isLocalised());
        assertTrue(b.isLocalised());
        double[] pa = {a.kFeC, a.r0FeC, a.detFeC, a.d0CN, a.alphaCN, a.r0CN, a.detCN, a.kMnN, a.r0MnN0, a.r0MnN2, a.detMnN, a.kCFeC, a.t0CFeC,
                a.kNMnN, a.t0NMnN, a.kFeCN, a.t0FeCN, a.kCNMn, a.t0CNMn, a.qNa, a.qFe0, a.qMn0, a.qC, a.qN, a.compFe, a.compMn, a.pairCut,
                a.b, a.rho, a.sNa, a.sN, a.sC, a.sFe, a.sMn, a.betaCA, a.betaCC, a.cNaNa, a.dsfAlpha, a.dsfCut};
        double[] pb = {b.kFeC, b.r0FeC, b.detFeC, b.d0CN, b.alphaCN, b.r0CN, b.detCN, b.kMnN, b.r0MnN0, b.r0MnN2, b.detMnN, b.kCFeC, b.t0CFeC,
                b.kNMnN, b.t0NMnN, b.kFeCN, b.t0FeCN, b.kCNMn, b.t0CNMn, b.qNa, b.qFe0, b.qMn0, b.qC, b.qN, b.compFe, b.compMn, b.pairCut,
                b.b, b.rho, b.sNa, b.sN, b.sC, b.sFe, b.sMn, b.betaCA, b.betaCC, b.cNaNa, b.dsfAlpha, b.dsfCut};
        assertArrayEquals(pa, pb, 0.0, "the redox file must copy every table of the mean-field file");
        assertTrue(Double.isNaN(a.naReferenceEnergy()));
        assertEquals(0.0, b.naReferenceEnergy());
        // the mean-field model is the plain sum of terms, as before
        var m = a.build(cell(3, 1));
        assertNull(m.redox());
        assertTrue(m.potential() instanceof SumPotential);
        assertEquals(3, m.topology().bondTypes().size());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void neutralAtEveryNAndOneReducedSitePerNa(boolean siteCoulomb) {
        MnFePbaSurrogate ff = variant(siteCoulomb);
        for (int n = 0; n <= 8; n++) {
            Structure s = cell(n, 20 + n);
            var m = ff.build(s);
            m.potential().energy(s);
            double q = 0;
            for (int i = 0; i < s.size(); i++) q += s.charges()[i];
            assertEquals(0.0, q, 1e-12, "net charge at N = " + n);
            int red = 0;
            for (boolean r : m.redox().reducedSites()) if (r) red++;
            assertEquals(n, red, "reduced sites at N = " + n);
        }
        Structure s = cell(8, 3);
        var m = ff.build(s);
        int i = s.addAtom(11, s.x(s.size() - 1) + 2.5, s.y(s.size() - 1), s.z(s.size() - 1));
        s.ensureCharges()[i] = 0.8;
        InputException e = assertThrows(InputException.class, () -> m.potential().energy(s));
        assertTrue(e.getMessage().contains("exceeds the 8 Fe/Mn redox sites"), e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void selectedStateIsTheMinimumOverAllStates(boolean siteCoulomb) {
        MnFePbaSurrogate ff = variant(siteCoulomb);
        int checked = 0;
        for (int n = 1; n <= 7; n++) {
            for (long seed = 0; seed < 2; seed++) {
                Structure s = cell(n, 100 * n + seed);
                LocalisedRedoxPotential p = ff.build(s).redox();
                double e = p.energy(s);
                boolean[] sel = p.reducedSites();
                double best = Double.POSITIVE_INFINITY;
                boolean[] arg = null;
                // brute force over all C(8, n) assignments
                for (int mask = 0; mask < 256; mask++) {
                    if (Integer.bitCount(mask) != n) continue;
                    boolean[] st = new boolean[8];
                    for (int k = 0; k < 8; k++) st[k] = (mask >> k & 1) == 1;
                    double ek = p.energyAt(s.copy(), st);
                    if (ek < best) { best = ek; arg = st; }
                    checked++;
                }
                // E(R) is the minimum (round-off of sums of ~60 eV terms: 1e-10 eV)
                assertEquals(best, e, 1e-10, "N = " + n);
                assertArrayEquals(arg, sel, "argmin state at N = " + n);
                if (siteCoulomb) continue;
                // and the linear decomposition E(R, s) = E(R, 0) + Σ sᵢ hᵢ holds exactly
                double e0 = p.energyAt(s.copy(), new boolean[8]);
                double[] h = p.siteEnergies();
                double lin = e0;
                for (int k = 0; k < 8; k++) if (sel[k]) lin += h[k];
                assertEquals(e, lin, 1e-9, "E(R,0) + Σ s h at N = " + n);
            }
        }
        assertTrue(checked > 500);
    }

    @Test
    void allReducedIsTheMeanFieldXTwoModelPlusSiteEnergies() {
        MnFePbaSurrogate loc = variant(false).erfc(Erfc.Mode.EXACT); // the linear part (no site–site term)
        MnFePbaSurrogate mf = MnFePbaSurrogate.load().erfc(Erfc.Mode.EXACT);
        Structure s = cell(8, 7);
        ForceResult a = new ForceResult().request(true, true, false), b = new ForceResult().request(true, true, false);
        Structure u = s.copy();
        loc.build(u).potential().compute(u, a);
        Structure t = s.copy();
        mf.build(t).potential().compute(t, b);
        double eps = 4 * loc.epsMn + 4 * loc.epsFe;
        assertEquals(b.energy() + eps, a.energy(), 1e-10 * Math.abs(a.energy()));
        for (int k = 0; k < 3 * s.size(); k++) assertEquals(b.forces()[k], a.forces()[k], 1e-10);
        for (int k = 0; k < 9; k++) assertEquals(b.virial()[k], a.virial()[k], 1e-10);
    }

    /**
     * Central differences away from level crossings (the selection is the same at ±h and its gap is > 1 meV):
     * exact erfc so that the force is the derivative of the energy; tolerances as FiniteDifferenceTest
     * (1e-6 of the largest component: truncation ~h²E''' and round-off ~1e-16|E|/h are far below).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void forcesAndVirialAreDerivativesAwayFromCrossings(boolean siteCoulomb) {
        MnFePbaSurrogate ff = variant(siteCoulomb).erfc(Erfc.Mode.EXACT);
        for (int n : new int[] {2, 5}) {
            Structure s = cell(n, 300 + n);
            LocalisedRedoxPotential p = ff.build(s).redox();
            ForceResult r = new ForceResult().request(true, true, false);
            p.compute(s, r);
            boolean[] sel = p.reducedSites();
            assertTrue(p.selectionGap() > 1e-3, "test configuration too close to a crossing");
            double[] f = r.forcesCopy();
            double fscale = 0;
            for (double v : f) fscale = Math.max(fscale, Math.abs(v));
            double h = 1e-5;
            for (int i = 0; i < s.size(); i += 3) {
                for (int d = 0; d < 3; d++) {
                    Structure a = s.copy(), b = s.copy();
                    a.positions()[3 * i + d] += h;
                    b.positions()[3 * i + d] -= h;
                    double ea = p.energy(a);
                    assertArrayEquals(sel, p.reducedSites());
                    double eb = p.energy(b);
                    assertArrayEquals(sel, p.reducedSites());
                    assertEquals(-(ea - eb) / (2 * h), f[3 * i + d], 1e-6 * fscale + 1e-8, "force atom " + i + " dim " + d + " N = " + n);
                }
            }
            double[] w = r.virial().clone();
            double wscale = 1e-3;
            for (double v : w) wscale = Math.max(wscale, Math.abs(v));
            double e = 1e-6;
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    double[] st = new double[9];
                    st[3 * a + b] = e;
                    double ep = p.energy(FiniteDifferenceTest.strained(s, st));
                    assertArrayEquals(sel, p.reducedSites());
                    st[3 * a + b] = -e;
                    double em = p.energy(FiniteDifferenceTest.strained(s, st));
                    assertArrayEquals(sel, p.reducedSites());
                    assertEquals(-(ep - em) / (2 * e), w[3 * b + a], 1e-6 * wscale + 1e-8, "virial " + b + a + " N = " + n);
                }
            }
        }
    }

    /**
     * The site–site term of the shipped file: E(with) − E(without) at the same state equals an independent double sum
     * Σ_{i<j} sᵢsⱼ ΔqᵢΔqⱼ Σ_images k φ_DSF(r) + Σᵢ sᵢ ½ Δqᵢ² Σ_{images ≠ 0} k φ_DSF (exact erfc; round-off 1e-12 eV).
     */
    @Test
    void siteSiteTermIsThePairSumOfTheChargeChanges() {
        assertTrue(MnFePbaSurrogate.loadLocalised().siteCoulomb, "the shipped localised file uses the site–site term");
        MnFePbaSurrogate with = variant(true).erfc(Erfc.Mode.EXACT), without = variant(false).erfc(Erfc.Mode.EXACT);
        Structure s = cell(5, 77);
        LocalisedRedoxPotential a = with.build(s.copy()).redox();
        Structure t = s.copy();
        LocalisedRedoxPotential b = without.build(t).redox();
        boolean[] st = {true, false, true, true, false, true, false, true};
        double d = a.energyAt(t.copy(), st) - b.energyAt(t.copy(), st);
        double dq = -with.qNa, alpha = with.dsfAlpha, rc = with.dsfCut;
        double fs = -(Erfc.exact(alpha * rc) / (rc * rc) + Erfc.TWO_OVER_SQRT_PI * alpha * Math.exp(-alpha * alpha * rc * rc) / rc);
        double es = Erfc.exact(alpha * rc) / rc - fs * rc;
        int[] at = a.siteAtoms();
        double ref = 0;
        double[] hm = t.cell().matrix();
        for (int i = 0; i < 8; i++) for (int j = i; j < 8; j++) {
            if (!st[i] || !st[j]) continue;
            for (int u = -3; u <= 3; u++) for (int v = -3; v <= 3; v++) for (int w = -3; w <= 3; w++) {
                double dx = t.x(at[j]) - t.x(at[i]) + u * hm[0] + v * hm[3] + w * hm[6];
                double dy = t.y(at[j]) - t.y(at[i]) + u * hm[1] + v * hm[4] + w * hm[7];
                double dz = t.z(at[j]) - t.z(at[i]) + u * hm[2] + v * hm[5] + w * hm[8];
                double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                if (r == 0 || r >= rc) continue;
                ref += (i == j ? 0.5 : 1.0) * org.scalebridge.core.Units.COULOMB_EV_A * dq * dq * (Erfc.exact(alpha * r) / r - es - r * fs);
            }
        }
        assertEquals(ref, d, 1e-10);
        assertTrue(ref > 0.1, "electron–electron repulsion of 5 reduced sites in one cell: " + ref);
    }

    /** E(R, s) at a fixed s (selected and a forced one with reduced Fe) against LAMMPS: per-atom charges, 4 bond types. */
    @Test
    void fixedStateMatchesLammps(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(MnFePbaSurrogateTest.lmpAvailable(), "lmp (LAMMPS) not installed: comparison skipped");
        // the LAMMPS-expressible model: per-atom charges and two Mn–N bond types (the optional site–site term acts on
        // charge changes only and has no LAMMPS form; it is checked by siteSiteTermIsThePairSumOfTheChargeChanges)
        MnFePbaSurrogate ff = variant(false);
        Structure s = PbaTestStructures.build(10.3, 2, 0.75, 0.03, 0.12, 11); // 24 Na on 32 sites
        var m = ff.build(s);
        LocalisedRedoxPotential p = m.redox();
        boolean[] forced = new boolean[p.siteAtoms().length];
        for (int k = 0; k < forced.length; k += 2) forced[k] = true; // every other site: Fe and Mn mixed
        for (int k = 1; k < forced.length && count(forced) < 24; k += 4) forced[k] = true;
        for (int k = 3; k < forced.length && count(forced) < 24; k += 4) forced[k] = true;
        for (boolean[] state : new boolean[][] {null, forced}) {
            ForceResult r = new ForceResult().request(true, true, false);
            if (state == null) p.compute(s, r); else p.computeAt(s, state, r);
            boolean[] used = p.reducedSites();
            double eps = 0;
            double[] ep = p.siteRedoxEnergies();
            for (int k = 0; k < used.length; k++) if (used[k]) eps += ep[k];
            Path d = Files.createDirectories(dir.resolve(state == null ? "selected" : "forced"));
            m.writeLammps(d, s);
            assertTrue(Files.readString(d.resolve("in.lmp")).contains("# Mn(II)-N"));
            double[][] ref = MnFePbaSurrogateTest.runLammps(d, s.size());
            double dE = Math.abs(r.energy() - eps - ref[0][0]) / Math.abs(ref[0][0]);
            double fmax = 0, df = 0, wmax = 0, dw = 0;
            for (int k = 0; k < 3 * s.size(); k++) { fmax = Math.max(fmax, Math.abs(ref[2][k])); df = Math.max(df, Math.abs(r.forces()[k] - ref[2][k])); }
            for (int k = 0; k < 9; k++) { wmax = Math.max(wmax, Math.abs(ref[1][k])); dw = Math.max(dw, Math.abs(r.virial()[k] - ref[1][k])); }
            System.out.printf("localised redox (%s state, %d atoms) vs LAMMPS: E(R,s)=%.10f eV dE/E=%.2e dF/Fmax=%.2e dW/Wmax=%.2e%n",
                    state == null ? "selected" : "forced", s.size(), ref[0][0], dE, df / fmax, dw / wmax);
            // as MnFePbaSurrogateTest (same terms, same A&S erfc as coul/dsf): agreement to round-off
            assertTrue(dE < 1e-10 && df / fmax < 1e-8 && dw / wmax < 1e-8, "E(R, s) agrees with LAMMPS");
        }
    }

    private static int count(boolean[] b) { int c = 0; for (boolean x : b) if (x) c++; return c; }
}
