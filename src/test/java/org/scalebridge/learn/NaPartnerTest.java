package org.scalebridge.learn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.io.Formats;
import org.scalebridge.learn.reference.PotentialCalculator;
import org.scalebridge.structure.Structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * N ± 1 partners of PBA cells (insertion at the emptiest cage centre, or removal), the training-loss settings of
 * [mtp] and the pre-training pairs of [pretrain].
 */
class NaPartnerTest {
    @Test
    void insertionGoesToAnEmptyCageAndKeepsTheFramework() {
        Structure s = StructureSpec.pba(1.0, new int[] {1, 1, 1}, 3).build();
        int na = s.count(11);
        assertEquals(8, NaPartner.cages(s));
        Structure[] p = NaPartner.pair(s, true, new Rng(1));
        assertSame(s, p[0]);
        assertEquals(na + 1, p[1].count(11));
        assertEquals(s.size() + 1, p[1].size());
        for (int i = 0; i < s.size(); i++)
            for (int q = 0; q < 3; q++) assertEquals(s.positions()[3 * i + q], p[1].positions()[3 * i + q], 0.0);
        // the new Na sits in a cage centre: > 2 Å from every atom (cubic cage centre to the nearest C/N ~3.6 Å; the
        // rhombohedral x = 1 cell tilts the bridges towards the pseudo-cubic centre, the nearest N is then 2.2 Å away,
        // still outside the Na–N Born–Mayer core); > 3.5 Å from every other Na (neighbouring cage centres are ~5 Å apart, the
        // rhombohedral cell displaces its Na from the centres by ≤ 1.2 Å)
        int k = p[1].size() - 1;
        for (int i = 0; i < k; i++) {
            double d = p[1].distance(i, k);
            assertTrue(d > (p[1].atomicNumber(i) == 11 ? 3.5 : 2.0), "atom " + i + " at " + d + " Å");
        }
    }

    @Test
    void fullCellsLoseOneNa() {
        Structure s = StructureSpec.pba(2.0, new int[] {1, 1, 1}, 3).build();
        assertEquals(8, s.count(11));
        Structure[] p = NaPartner.pair(s, true, new Rng(2));
        assertSame(s, p[1]);
        assertEquals(7, p[0].count(11));
        Structure empty = StructureSpec.pba(0.0, new int[] {1, 1, 1}, 3).build();
        assertEquals(1, NaPartner.pair(empty, false, new Rng(2))[1].count(11), "nothing to remove: a Na is added");
    }

    @Test
    void lossWeightsAndPretrainingPairsComeFromTheConfiguration(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("al.toml");
        Files.writeString(f, ActiveLearningTest.CONFIG.replace("threads = 1\n", "threads = 1\nfinal_iterations = 5\nenergy_weight = 2.0\nforce_weight = 0.002\n"
                + "stress_weight = 0.0\nweight_scaling = 0.0\n").replace("every = 20\n", "every = 20\npairs = true\n"));
        LearnConfig c = LearnConfig.read(f);
        assertEquals(2.0, c.energyWeight);
        assertEquals(0.002, c.forceWeight);
        assertEquals(0.0, c.stressWeight);
        assertEquals(0.0, c.weightScaling);
        assertTrue(c.pretrainPairs);
        ActiveLearning.Result r = new ActiveLearning(c, PotentialCalculator.surrogate()).run(null);
        List<Structure> data = Formats.read(c.output.resolve("iter-000/dataset.extxyz"));
        // 2 compositions × 2 snapshots, each with its partner; x = 0 partners gain a Na, x = 2 (full) partners lose one
        assertEquals(8, data.size());
        assertEquals(8, r.iterations().get(0).datasetSize());
        for (int k = 0; k < data.size(); k += 2) {
            int dn = data.get(k + 1).count(11) - data.get(k).count(11);
            assertEquals(1, Math.abs(dn));
            assertEquals(data.get(k).count(26), data.get(k + 1).count(26));
        }
        // iteration 1 is the last the budget allows (max_iterations = 1): it gets the final fit's 5 iterations, not retrain's 8
        assertEquals(5, ActiveLearning.readJson(c.output.resolve("iter-001/summary.json")).get("training_iterations").asInt());
        Files.writeString(f, "[mtp]\nweight_scaling = 3.0\n");
        InputException e = assertThrows(InputException.class, () -> LearnConfig.read(f));
        assertTrue(e.getMessage().contains("weight_scaling"), e.getMessage());
    }
}
