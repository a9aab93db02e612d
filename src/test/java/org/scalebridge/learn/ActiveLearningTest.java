package org.scalebridge.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.io.Formats;
import org.scalebridge.learn.reference.PotentialCalculator;
import org.scalebridge.structure.Structure;

/**
 * A small active-learning run on the surrogate: pre-training by reference MD, one GCMC–MD iteration, selection,
 * reference jobs, screening, warm-started retraining; provenance on every configuration; resumption after the
 * last iteration is "killed" (its summary and potential removed) reuses the finished reference jobs and gives the
 * same dataset; the report's parity statistics agree with MtpTrainer's own error measure.
 */
class ActiveLearningTest {
    static final String CONFIG = SmallLearnConfig.TOML;

    @Test
    void loopRunsResumesAndRecordsProvenance(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("al.toml");
        Files.writeString(f, CONFIG);
        LearnConfig c = LearnConfig.read(f);
        ActiveLearning.Result r = new ActiveLearning(c, PotentialCalculator.surrogate()).run(null);
        assertEquals(2, r.iterations().size());
        ActiveLearning.IterationSummary it0 = r.iterations().get(0), it1 = r.iterations().get(1);
        assertEquals(4, it0.datasetSize());
        assertTrue(it1.selected() <= 3 && it1.selected() <= it1.distinct() && it1.distinct() <= it1.candidates());
        assertEquals(it0.datasetSize() + it1.selected() - it1.failed() - it1.screenedOut(), it1.datasetSize());
        List<Structure> data = Formats.read(c.output.resolve("dataset.extxyz"));
        assertEquals(it1.datasetSize(), data.size());
        for (Structure s : data) {
            assertNotNull(s.energy());
            assertNotNull(s.forces());
            assertEquals("mnfepba-surrogate", s.info().get("al_calculator"));
            assertNotNull(s.info().get("al_job"));
            assertTrue(Files.isDirectory(c.output.resolve(s.info().get("al_job").toString())));
            if (((Number) s.info().get("al_iteration")).intValue() == 1) {
                // candidates were graded above the selection threshold by the MTP of iteration 0
                assertTrue(((Number) s.info().get("al_gamma")).doubleValue() > c.gammaSelect);
                assertNotNull(s.info().get("al_temperature_K"));
            }
        }
        assertTrue(Files.exists(c.output.resolve("iter-001/gamma.csv")));
        assertTrue(Files.exists(c.output.resolve("iter-000/mtp.almtp")));

        // "kill" iteration 1 after its reference jobs: remove its summary and potential, run again
        long jobs = countJobs(c.output.resolve("iter-001/jobs"));
        Files.delete(c.output.resolve("iter-001/summary.json"));
        Files.delete(c.output.resolve("iter-001/mtp.mtp"));
        String before = Files.readString(c.output.resolve("iter-001/dataset.extxyz"));
        ActiveLearning.Result again = new ActiveLearning(c, PotentialCalculator.surrogate()).run(null);
        assertEquals(2, again.iterations().size());
        assertEquals(jobs, countJobs(c.output.resolve("iter-001/jobs")), "finished reference jobs are reused");
        assertEquals(before, Files.readString(c.output.resolve("iter-001/dataset.extxyz")), "same dataset after resuming");

        LearnReport.Summary rep = LearnReport.write(c.output, false);
        assertEquals(data.size(), rep.configurations());
        // the report's RMSE is MtpTrainer.errors' energy-per-atom RMSE of the final MTP on the same set (1e-6 relative: the set is read back from extxyz)
        assertEquals(again.iterations().get(1).energyRmse(), rep.energyPerAtom().rmse(), 1e-6 * rep.energyPerAtom().rmse() + 1e-12);
        assertTrue(Files.exists(c.output.resolve("report/histogram_x.csv")));
        assertTrue(Files.exists(c.output.resolve("report/parity_forces.csv")));
    }

    @Test
    void largeBoxesSendLocalCellsToTheReference(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("al.toml");
        Files.writeString(f, CONFIG.replace("structure = { x = 1.0 }", "structure = { x = 1.0, phase = \"tetragonal\", supercell = [2, 2, 2] }")
                .replace("cycles = 3", "cycles = 2") + "[local]\nenabled = true\nmin_atoms = 200\nradius = 5.5\ncore = 3.0\nmin_distance = 1.2\n");
        LearnConfig c = LearnConfig.read(f);
        new ActiveLearning(c, PotentialCalculator.surrogate()).run(null);
        Path cand = c.output.resolve("iter-001/candidates.extxyz");
        assertTrue(Files.exists(cand), "a 2-configuration MTP extrapolates on a 480-atom box");
        for (Structure s : Formats.read(cand)) {
            // every candidate is a cube of edge 2R cut around its highest-γ atom, not the 480-atom box
            assertEquals(11.0, s.cell().get(0, 0), 1e-9);
            assertTrue(s.size() < 200 && s.info().containsKey("local_center") && s.info().containsKey("local_gamma"), s.info().toString());
        }
    }

    private static long countJobs(Path root) throws Exception {
        if (!Files.exists(root)) return 0;
        try (var st = Files.walk(root)) {
            return st.filter(p -> p.getFileName().toString().startsWith("job-")).count();
        }
    }

    @Test
    void badConfigurationsNameTheField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.toml");
        Files.writeString(f, "[selection]\ngamma_select = 5.0\ngamma_stop = 3.0\n");
        InputException e = assertThrows(InputException.class, () -> LearnConfig.read(f));
        assertTrue(e.getMessage().contains("selection.gamma_stop"), e.getMessage());
        Files.writeString(f, "[sampling]\ntemprature = [300.0]\n");
        e = assertThrows(InputException.class, () -> LearnConfig.read(f));
        assertTrue(e.getMessage().contains("sampling.temprature") && e.getMessage().contains("unknown key"), e.getMessage());
        Files.writeString(f, "[mtp]\ngrade_mode = \"cfg\"\n[local]\nenabled = true\n");
        e = assertThrows(InputException.class, () -> LearnConfig.read(f));
        assertTrue(e.getMessage().contains("local.enabled"), e.getMessage());
        Files.writeString(f, "[reference]\ncalculator = \"qe\"\n");
        LearnConfig c = LearnConfig.read(f);
        e = assertThrows(InputException.class, () -> ReferenceFactory.build(c.reference));
        assertTrue(e.getMessage().contains("reference.pseudopotentials"), e.getMessage());
        Files.writeString(f, "[reference]\ncalculator = \"cp2k\"\n[reference.kinds]\nNa = [\"DZVP-MOLOPT-PBE-GTH-q1\"]\n");
        LearnConfig c2 = LearnConfig.read(f);
        e = assertThrows(InputException.class, () -> ReferenceFactory.build(c2.reference));
        assertTrue(e.getMessage().contains("reference.kinds.Na"), e.getMessage());
    }

    /** The CP2K test's cheap setting (Na GTH-PBE-q1 from the UZH files) is reachable from a learn configuration. */
    @Test
    void cp2kKindsAndFilesComeFromTheConfiguration(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cp2k.toml");
        Files.writeString(f, String.join("\n",
                "[reference]", "calculator = \"cp2k\"",
                "basis_files = [\"BASIS_MOLOPT\", \"BASIS_MOLOPT_UZH\"]", "potential_file = \"POTENTIAL_UZH\"",
                "cutoff_ry = 150.0", "eps_default = 1e-10",
                "[reference.kinds]", "Na = [\"DZVP-MOLOPT-PBE-GTH-q1\", \"GTH-PBE-q1\"]",
                "Cl = [\"SZV-MOLOPT-SR-GTH\", \"GTH-PBE-q7\"]", ""));
        var calc = ReferenceFactory.build(LearnConfig.read(f).reference);
        var s = calc.settings();
        assertTrue(s.get("basis_files").contains("BASIS_MOLOPT_UZH"), s.toString());
        assertTrue(s.get("potential_file").endsWith("POTENTIAL_UZH"), s.toString());
        assertTrue(s.get("basis").contains("Na=DZVP-MOLOPT-PBE-GTH-q1") && s.get("potential").contains("Cl=GTH-PBE-q7"), s.toString());
        assertEquals("1.0E-10", s.get("eps_default"));
        assertEquals("150.0", s.get("cutoff_Ry"));
    }
}
