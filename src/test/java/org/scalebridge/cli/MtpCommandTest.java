package org.scalebridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.io.Formats;
import org.scalebridge.io.MlipCfg;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpLammpsExport;
import org.scalebridge.potential.mtp.MtpModel;
import org.scalebridge.structure.Structure;

/** {@code scalebridge mtp …}: every subcommand on small inputs from the MTP reference pack, and bad input. */
class MtpCommandTest {
    @TempDir Path dir;

    static Path ref() {
        return Path.of(System.getProperty("scalebridge.reference", "../shared/reference")).resolve("mtp");
    }

    static CliTest.Run run(String... args) { return CliTest.run(args); }

    static void assumePack() {
        assumeTrue(Files.isDirectory(ref().resolve("mo")), "MTP reference pack not present");
    }

    @Test
    void calcEfsReproducesMlipAndWritesExtxyz() {
        assumePack();
        Path out = dir.resolve("efs.cfg");
        CliTest.Run r = run("mtp", "calc-efs", ref().resolve("mo/Mo_l10.mtp").toString(), ref().resolve("mo/Mo_test.cfg").toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        List<MlipCfg.Configuration> ours = MlipCfg.read(out), mlip = MlipCfg.read(ref().resolve("mo/Mo_test_reference_efs_l10.cfg"));
        assertEquals(mlip.size(), ours.size());
        for (int k = 0; k < ours.size(); k++) {
            // the file is printed at MLIP's precision (12/6/5 decimals): half a unit of the last digit on both sides
            assertEquals(mlip.get(k).energy, ours.get(k).energy, 1e-8);
            for (int q = 0; q < 3 * ours.get(k).size; q++) assertEquals(mlip.get(k).forces[q], ours.get(k).forces[q], 2e-6);
            for (int q = 0; q < 6; q++) assertEquals(mlip.get(k).plusStress[q], ours.get(k).plusStress[q], 2e-5);
        }
        // extxyz output needs the element of the type
        Path xyz = dir.resolve("efs.extxyz");
        CliTest.Run bad = run("mtp", "calc-efs", ref().resolve("mo/Mo_l10.mtp").toString(), ref().resolve("mo/Mo_test.cfg").toString(), xyz.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--species"), bad.err());
        CliTest.Run ok = run("mtp", "calc-efs", "--species", "Mo", "--threads", "2", ref().resolve("mo/Mo_l10.mtp").toString(),
                ref().resolve("mo/Mo_test.cfg").toString(), xyz.toString());
        assertEquals(0, ok.code(), ok.err());
        List<Structure> s = Formats.read(xyz);
        assertEquals(ours.size(), s.size());
        assertEquals(ours.get(5).energy, s.get(5).energy(), 1e-6);
        assertEquals(ours.get(5).forces[4], s.get(5).forces()[4], 1e-6);
    }

    @Test
    void gradeSelectAndErrors() {
        assumePack();
        Path g = ref().resolve("grades");
        Path out = dir.resolve("graded.cfg");
        CliTest.Run r = run("mtp", "calc-grade", g.resolve("Mo60_l10_nbh.almtp").toString(), g.resolve("Mo_grade_candidates.cfg").toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        List<MlipCfg.Configuration> ours = MlipCfg.read(out), mlip = MlipCfg.read(g.resolve("Mo60_grades_mlip3_nbhmode.cfg"));
        // MLIP graded the same 45 candidates in the same order (grade_case feature)
        assertEquals(mlip.size(), ours.size());
        for (int k = 0; k < ours.size(); k++) {
            MlipCfg.Configuration c = ours.get(k), m = mlip.get(k);
            assertEquals(m.features.get("grade_case"), c.features.get("grade_case"));
            double gamma = Double.parseDouble(c.features.get("MV_grade")), want = Double.parseDouble(m.features.get("MV_grade"));
            // MLIP prints 6 significant digits and our γ uses MLIP's stored A⁻¹ (agreement 5e-7 relative): print precision
            assertEquals(want, gamma, 2e-5 * Math.max(1, want), c.features.get("grade_case"));
            assertTrue(c.atomColumns.containsKey("nbh_grades"));
        }

        Path sel = dir.resolve("selected.cfg"), saved = dir.resolve("updated.almtp");
        CliTest.Run s = run("mtp", "select-add", "--save-potential", saved.toString(), g.resolve("Mo60_l10.mtp").toString(),
                g.resolve("Mo_grade_train_subset.cfg").toString(), g.resolve("Mo_grade_candidates.cfg").toString(), sel.toString());
        assertEquals(0, s.code(), s.err());
        int n = MlipCfg.read(sel).size();
        assertTrue(n > 0 && n <= 45, s.out());
        assertTrue(s.out().contains(n + " of 45"), s.out());
        assertTrue(Files.exists(saved));
        // the selected configurations are no longer extrapolative for the updated set
        CliTest.Run again = run("mtp", "calc-grade", saved.toString(), sel.toString(), dir.resolve("regraded.cfg").toString());
        assertEquals(0, again.code(), again.err());
        for (MlipCfg.Configuration c : MlipCfg.read(dir.resolve("regraded.cfg"))) {
            assertTrue(Double.parseDouble(c.features.get("MV_grade")) <= 1.001 + 1e-6, c.features.toString());
        }

        CliTest.Run e = run("mtp", "errors", ref().resolve("mo/Mo_l10.mtp").toString(), ref().resolve("mo/Mo_test.cfg").toString());
        assertEquals(0, e.code(), e.err());
        // MLIP-3 check_errors (provenance log): energy per atom RMS 0.00881285, forces RMS 0.45458 (6 digits printed)
        assertTrue(e.out().contains("RMSE 0.00881"), e.out());
        assertTrue(e.out().contains("RMSE 0.4545"), e.out());
    }

    @Test
    void templateTrainExport() throws Exception {
        assumePack();
        Path t = dir.resolve("t06.mtp");
        CliTest.Run g = run("mtp", "generate-template", "--level", "6", "--species", "1", t.toString());
        assertEquals(0, g.code(), g.err());
        MtpModel m = MtpFormat.read(t);
        assertEquals(6, m.level());
        assertEquals(5, m.alphaIndexBasic.length); // MLIP's 06.mtp: 5 basic moments, 5 scalar functions
        assertEquals(5, m.alphaScalarMoments());
        // a few configurations and iterations: only that the command runs the trainer and writes a trained file
        List<MlipCfg.Configuration> train = MlipCfg.read(ref().resolve("mo/Mo_training.cfg")).subList(0, 6);
        Path small = dir.resolve("small.cfg");
        MlipCfg.write(small, train);
        Path trained = dir.resolve("trained.mtp");
        CliTest.Run tr = run("mtp", "train", "--max-iter", "5", t.toString(), small.toString(), trained.toString());
        assertEquals(0, tr.code(), tr.err());
        assertTrue(MtpFormat.read(trained).isTrained());
        assertTrue(tr.out().contains("training set:"), tr.out());

        Path lmp = dir.resolve("lammps");
        CliTest.Run x = run("mtp", "export-lammps", "--species", "Mo", ref().resolve("mo/Mo_l10.mtp").toString(), lmp.toString());
        assertEquals(0, x.code(), x.err());
        String text = Files.readString(lmp.resolve("Mo_l10.mtp"));
        assertEquals(List.of(), MtpLammpsExport.mlMtpProblems(text));
        MtpModel back = MtpFormat.read(lmp.resolve("Mo_l10.mtp")), orig = MtpFormat.read(ref().resolve("mo/Mo_l10.mtp"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(orig.parameters(), back.parameters(), 0.0);
        String in = Files.readString(lmp.resolve("Mo_l10.lammps.in"));
        assertTrue(in.contains("pair_style mtp\npair_coeff * * Mo_l10.mtp 0\n"), in);
    }

    /** A training stopped at a checkpoint and resumed with --resume ends with exactly the uninterrupted result. */
    @Test
    void trainResumesFromCheckpointBitIdentically() throws Exception {
        assumePack();
        Path t = dir.resolve("t06r.mtp");
        assertEquals(0, run("mtp", "generate-template", "--level", "6", "--species", "1", t.toString()).code());
        Path small = dir.resolve("small-r.cfg");
        MlipCfg.write(small, MlipCfg.read(ref().resolve("mo/Mo_training.cfg")).subList(0, 4));
        Path full = dir.resolve("full.mtp"), part = dir.resolve("part.mtp"), ck = dir.resolve("ck.mtp");
        CliTest.Run a = run("mtp", "train", "--max-iter", "6", "--tolerance", "0", t.toString(), small.toString(), full.toString());
        assertEquals(0, a.code(), a.err());
        CliTest.Run b = run("mtp", "train", "--max-iter", "3", "--tolerance", "0", "--checkpoint", ck.toString(), "--checkpoint-every", "1",
                t.toString(), small.toString(), part.toString());
        assertEquals(0, b.code(), b.err());
        CliTest.Run c = run("mtp", "train", "--max-iter", "6", "--tolerance", "0", "--checkpoint", ck.toString(), "--resume",
                t.toString(), small.toString(), part.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("resumed from iteration"), c.out());
        // same arithmetic in the same order on one thread: the parameters agree exactly
        org.junit.jupiter.api.Assertions.assertArrayEquals(MtpFormat.read(full).parameters(), MtpFormat.read(part).parameters(), 0.0);
        CliTest.Run bad = run("mtp", "train", "--resume", t.toString(), small.toString(), part.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--resume") && bad.err().contains("--checkpoint"), bad.err());
    }

    @Test
    void badInputIsOneLineWithExitCode2() {
        CliTest.Run r = run("mtp", "generate-template", "--level", "1", dir.resolve("x.mtp").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--level") && r.err().contains("2 … 28"), r.err());
        r = run("mtp", "calc-efs", dir.resolve("missing.mtp").toString(), dir.resolve("in.cfg").toString(), dir.resolve("o.cfg").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing.mtp") && r.err().contains("not found"), r.err());
        r = run("mtp", "select-add", "--threshold", "0.9", "a", "b", "c", "d");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--threshold"), r.err());
        r = run("mtp", "calc-efs", "--threads", "0", "a", "b", "c");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--threads"), r.err());
        r = run("mtp", "export-lammps", "a.mtp", "d");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--species"), r.err());
    }
}
