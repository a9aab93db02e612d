package org.scalebridge.ui.thermo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The free-energy pane's import of a mu-scan {@code mu_of_n.csv}: columns by name, unconverged targets left out. */
class MuScanImportTest {
    @Test
    void readsColumnsByNameAndSkipsUnconvergedTargets(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mu_of_n.csv");
        Files.writeString(f, String.join("\n",
                "target,phi_eV,mean_N,se_N,mu_eV,se_mu_eV,converged",
                "0.5,0.15,0.6,0.05,-2.02,0.014,true",
                "2.5,0.15,2.0,0.00,-2.40,0.000,false",   // stuck on one N: not an estimate
                "1.5,0.15,1.6,0.04,-2.24,0.013,true", ""));
        var data = FreeEnergyPane.readMuScan(f, 4.0, 300.0).get(300.0);
        // x = mean_N / sites, sorted by x; the false row is dropped
        assertArrayEquals(new double[] {0.15, 0.4}, data[0], 1e-15);
        assertArrayEquals(new double[] {-2.02, -2.24}, data[1], 1e-15);
        assertArrayEquals(new double[] {0.014, 0.013}, data[2], 1e-15);
        assertEquals(2, data[0].length);
    }
}
