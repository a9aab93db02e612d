package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.LocalisedRedoxPotential;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * Grand-canonical moves on the localised-redox surrogate: the incremental ΔE of {@link LocalisedRedoxPotential}'s
 * local change (the path {@link Gcmc} uses through {@link ExchangeLocalChange#of}) equals E(after) − E(before) of two
 * full evaluations of the min-over-s surface, for insertions, deletions and translations, including moves that change
 * the selected state of sites other than the nearest; and a GCMC run's tracked energy equals a full re-evaluation.
 */
class LocalisedRedoxGcmcTest {

    static Structure start(int n, long seed) {
        Structure s = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(0).supercell(1, 1, 1).seed(seed).build();
        Rng rng = new Rng(seed);
        for (int i = 0; i < s.size(); i++) for (int d = 0; d < 3; d++) s.positions()[3 * i + d] += 0.05 * (2 * rng.nextDouble() - 1);
        double[] fe = s.fractional(0);
        for (int m = 0; m < n; m++) {
            double[] f = {fe[0] + 0.25 + 0.5 * (m & 1), fe[1] + 0.25 + 0.5 * ((m >> 1) & 1), fe[2] + 0.25 + 0.5 * ((m >> 2) & 1)};
            double[] r = new double[3];
            s.cell().toCartesian(f, r);
            int i = s.addAtom(11, r[0], r[1], r[2]);
            s.ensureCharges()[i] = 0.8;
        }
        return s;
    }

    /**
     * Random trial moves near the cage centres, checked against two full evaluations on copies. Tolerance 1e-9 eV
     * (the brief's; round-off of the ~60 eV sums is ~1e-12 eV).
     */
    static MnFePbaSurrogate variant(boolean siteCoulomb) throws java.io.IOException {
        String t = new String(MnFePbaSurrogate.class.getResourceAsStream(MnFePbaSurrogate.RESOURCE_LOCALISED).readAllBytes());
        java.nio.file.Path f = java.nio.file.Files.createTempFile("redox", ".toml");
        java.nio.file.Files.writeString(f, t.replaceAll("(?m)^site_coulomb = \\w+", "site_coulomb = " + siteCoulomb));
        MnFePbaSurrogate ff = MnFePbaSurrogate.load(f);
        java.nio.file.Files.delete(f);
        return ff;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void incrementalDeltaEqualsTheDifferenceOfFullEvaluations(boolean siteCoulomb) throws Exception {
        MnFePbaSurrogate ff = variant(siteCoulomb);
        Rng rng = new Rng(42);
        int changedElsewhere = 0, moves = 0;
        double worst = 0;
        for (int n = 0; n <= 8; n++) {
            Structure s = start(n, 5 + n);
            LocalisedRedoxPotential p = ff.build(s).redox();
            LocalChange lc = ExchangeLocalChange.of(p);
            assertTrue(lc.getClass().getName().contains("LocalisedRedox"), "GCMC must use the redox local change");
            double[] fe = s.fractional(0);
            for (int trial = 0; trial < 12; trial++) {
                double e0 = p.energy(s.copy());
                boolean[] s0 = p.reducedSites();
                int kind = rng.nextInt(3);
                Structure t = s.copy();
                double d;
                int nearestChanged = -1;
                if (kind == 0 || n == 0) { // insertion at a random point around a cage centre
                    if (n == 8) continue;
                    int c = rng.nextInt(8);
                    double[] f = {fe[0] + 0.25 + 0.5 * (c & 1) + 0.08 * rng.nextGaussian(), fe[1] + 0.25 + 0.5 * ((c >> 1) & 1) + 0.08 * rng.nextGaussian(),
                            fe[2] + 0.25 + 0.5 * ((c >> 2) & 1) + 0.08 * rng.nextGaussian()};
                    double[] r = new double[3];
                    s.cell().toCartesian(f, r);
                    d = lc.deltaInsert(s, 11, 0.8, r[0], r[1], r[2]);
                    int k = t.addAtom(11, r[0], r[1], r[2]);
                    t.ensureCharges()[k] = 0.8;
                } else if (kind == 1) { // deletion of a random Na
                    int i = s.size() - n + rng.nextInt(n);
                    d = lc.deltaDelete(s, i);
                    t.removeAtomSwapLast(i);
                } else { // translation of a random Na by up to 2.5 Å (into a neighbouring cage half way)
                    int i = s.size() - n + rng.nextInt(n);
                    double x = s.x(i) + 2.5 * (2 * rng.nextDouble() - 1), y = s.y(i) + 2.5 * (2 * rng.nextDouble() - 1),
                            z = s.z(i) + 2.5 * (2 * rng.nextDouble() - 1);
                    d = lc.deltaMove(s, i, x, y, z);
                    t.setPosition(i, x, y, z);
                }
                double e1 = p.energy(t);
                boolean[] s1 = p.reducedSites();
                worst = Math.max(worst, Math.abs(d - (e1 - e0)));
                assertEquals(e1 - e0, d, 1e-9, "N = " + n + " move kind " + kind);
                moves++;
                // a change of state anywhere other than one site flipping: more than one site differs
                int diff = 0;
                for (int k = 0; k < s0.length; k++) if (s0[k] != s1[k]) diff++;
                if (diff >= 2) changedElsewhere++;
                // apply some moves to walk through configurations (the local change must follow via commit)
                if (rng.nextDouble() < 0.5 && Double.isFinite(d)) {
                    if (kind == 0 || n == 0) { /* keep N fixed per block */ } else if (kind == 2) {
                        int i = -1;
                        for (int q = s.size() - n; q < s.size(); q++) if (t.x(q) != s.x(q) || t.y(q) != s.y(q) || t.z(q) != s.z(q)) i = q;
                        s.setPosition(i, t.x(i), t.y(i), t.z(i));
                        s.wrapAtom(i);
                        lc.commitMove(s, i);
                    }
                }
            }
        }
        System.out.printf("localised redox local change (site_coulomb " + siteCoulomb + "): %d moves, max |dE - (E1 - E0)| = %.2e eV, %d changed the state of >= 2 sites%n",
                moves, worst, changedElsewhere);
        assertTrue(moves > 80);
        assertTrue(changedElsewhere > 0, "no move re-arranged the state beyond one site: the test does not cover that case");
    }

    /** A short site-biased GCMC run (no MD): the tracked energy equals a full evaluation, exchanges were accepted. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void gcmcTracksTheMinOverStatesEnergy(boolean siteCoulomb) throws Exception {
        MnFePbaSurrogate ff = variant(siteCoulomb);
        Structure s = start(3, 9);
        LocalisedRedoxPotential p = ff.build(s).redox();
        double[] fe = s.fractional(0);
        SiteProposal prop = new SiteProposal(SiteProposal.pbaCages(1, 1, 1, fe), 0.5, 0.1);
        // μ near the N = 3 → 4 step (from a short probe), so that insertions and deletions are both accepted
        ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.98976928, 0.8, -3.6);
        Gcmc mc = new Gcmc(s, p, 600, List.of(na), null, 0.3, 1.2, new Rng(3));
        mc.setInsertionProposal(prop);
        double[] mus = {-5.0, -3.6, -2.5};
        int[] seen = new int[9];
        for (double mu : mus) {
            mc.setMu(0, mu);
            for (int c = 0; c < 30; c++) {
                mc.cycle(20, 10);
                seen[mc.count(0)]++;
            }
            double tracked = mc.energy();
            double drift = mc.recomputeEnergy();
            assertEquals(0.0, drift, 1e-8 * Math.max(1, Math.abs(tracked)), "tracked energy drifted at mu = " + mu);
        }
        long acc = mc.stats().accepts(MoveStats.Type.INSERTION, 0) + mc.stats().accepts(MoveStats.Type.DELETION, 0);
        System.out.println("redox GCMC: accepted exchanges " + acc + ", N histogram " + Arrays.toString(seen));
        assertTrue(acc > 5, "exchanges were accepted");
    }

    /** [potential] redox = "localised" in an MC configuration picks the shipped localised-redox surrogate. */
    @Test
    void configurationSelectsTheLocalisedSurrogate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        McConfig c = McConfig.read(java.nio.file.Path.of("samples/gcmc/mnfepba-redox-mu-scan.toml"));
        Structure s = c.buildStructure();
        assertTrue(c.potential.build(s) instanceof LocalisedRedoxPotential);
        assertEquals(0.8, c.speciesFor(s).get(0).charge());
        assertEquals(0.5, c.scan.phi(0));
        String bad = java.nio.file.Files.readString(java.nio.file.Path.of("samples/gcmc/mnfepba-redox-mu-scan.toml"))
                .replace("redox = \"localised\"", "redox = \"local\"").replace("../structures/", java.nio.file.Path.of("samples/structures").toAbsolutePath() + "/");
        java.nio.file.Path f = dir.resolve("bad.toml");
        java.nio.file.Files.writeString(f, bad);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.scalebridge.core.InputException.class, () -> McConfig.read(f));
        assertTrue(e.getMessage().contains("potential.redox"), e.getMessage());
    }
}
