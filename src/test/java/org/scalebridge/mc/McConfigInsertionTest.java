package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

/** The [mc] insertion settings (site-biased insertion) of a GCMC configuration, and their error messages. */
class McConfigInsertionTest {
    static String cfg(String mcExtra) {
        return """
                temperature = 300.0
                seed = 1
                [structure]
                file = "%s"
                [potential]
                type = "mnfepba-surrogate"
                [[species]]
                element = "Na"
                mu = -2.0
                [mc]
                cycles = 2
                exchanges = 10
                translations = 10
                overlap_cutoff = 1.2
                %s
                """.formatted(Path.of("samples/structures/pba-tetragonal-x0.extxyz").toAbsolutePath().toString().replace('\\', '/'), mcExtra);
    }

    static McConfig read(Path dir, String extra) throws Exception {
        Path p = dir.resolve("g.toml");
        Files.writeString(p, cfg(extra));
        return McConfig.read(p);
    }

    @Test
    void pbaCagesGiveEightSitesPerCellAndRun(@TempDir Path dir) throws Exception {
        assertNull(read(dir, "").proposalFor(read(dir, "").buildStructure()));
        McConfig c = read(dir, "insertion = \"pba-cages\"\nsite_sigma = 0.5\nuniform_fraction = 0.2");
        Structure s = c.buildStructure();
        SiteProposal p = c.proposalFor(s);
        assertEquals(8, p.siteCount());
        assertEquals(0.5, p.sigma());
        assertEquals(0.2, p.uniformFraction());
        // the density integrates to one over the cell (Monte Carlo estimate with uniform points, 1 % statistical)
        org.scalebridge.core.Rng rng = new org.scalebridge.core.Rng(3);
        double sum = 0;
        int m = 400000;
        double[] f = new double[3], r = new double[3];
        for (int k = 0; k < m; k++) {
            f[0] = rng.nextDouble(); f[1] = rng.nextDouble(); f[2] = rng.nextDouble();
            s.cell().toCartesian(f, r);
            sum += p.density(s.cell(), r[0], r[1], r[2]);
        }
        assertEquals(1.0, sum / m * s.cell().volume(), 0.03);
        McConfig e = read(dir, "insertion = \"sites\"\nsites = [[0.25, 0.25, 0.25], [0.75, 0.75, 0.75]]");
        assertEquals(2, e.proposalFor(e.buildStructure()).siteCount());
    }

    @Test
    void badInsertionSettingsNameTheField(@TempDir Path dir) {
        String[][] cases = {
                {"insertion = \"cages\"", "mc.insertion"},
                {"insertion = \"pba-cages\"\nuniform_fraction = 0.0", "mc.uniform_fraction"},
                {"insertion = \"pba-cages\"\nsite_sigma = -1.0", "mc.site_sigma"},
                {"insertion = \"sites\"", "mc.sites"},
                {"insertion = \"sites\"\nsites = [[0.1, 0.2]]", "mc.sites[0]"},
                {"insertion = \"pba-cages\"\nregion = { lo = [0.0, 0.0, 0.0], hi = [1.0, 1.0, 0.5] }", "mc.insertion"},
                {"insertion = \"pba-cages\"\nsite_sigma = 3.0", "site_sigma"},
        };
        for (String[] c : cases) {
            InputException ex = assertThrows(InputException.class, () -> {
                McConfig m = read(dir, c[0]);
                m.proposalFor(m.buildStructure());
                Structure s = m.buildStructure();
                new Gcmc(s, m.potential.build(s), 300, m.speciesFor(s), null, 0.3, 1.2, new org.scalebridge.core.Rng(1))
                        .setInsertionProposal(m.proposalFor(s));
            }, c[0]);
            assertTrue(ex.getMessage().contains(c[1]), c[0] + " -> " + ex.getMessage());
        }
    }
}
