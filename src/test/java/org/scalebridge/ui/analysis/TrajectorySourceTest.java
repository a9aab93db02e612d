package org.scalebridge.ui.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalebridge.analysis.Einstein;
import org.scalebridge.analysis.MsdResult;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Progress;

/** Trajectory sources of the MSD pane (no JavaFX): project scan, guessed fields, validation, MSD of one species. */
class TrajectorySourceTest {
    @Test
    void scansGuessesAndComputes() {
        List<Path> files = TrajectorySource.projectTrajectories(MsdArrheniusPaneTest.PROJECT);
        assertEquals(8, files.size(), files.toString());
        TrajectorySource s = TrajectorySource.guess(files.get(0));
        assertEquals("ArKr025", s.composition);
        assertEquals(110.0, s.temperature, 0);
        assertEquals(List.of("Ar", "Kr"), TrajectorySource.speciesOf(files.get(0)));
        assertEquals("Ar", s.species);
        MsdResult ar = s.computeMsd(5, Progress.NONE);
        s.species = "Kr";
        MsdResult kr = s.computeMsd(5, Progress.NONE);
        // 20 ps at 0.2 ps per frame → 101 frames; the MSD grows with lag time
        assertEquals(101, ar.size());
        assertTrue(ar.total()[50] > ar.total()[5] && kr.total()[50] > kr.total()[5]);
        Einstein.Fit fa = Einstein.fit(ar), fk = Einstein.fit(kr);
        // the lighter, less sticky Ar diffuses faster than Kr in the same fluid (within 3σ)
        assertTrue(fa.d() > fk.d() - 3 * Math.hypot(fa.sigmaD(), fk.sigmaD()), "D(Ar) = " + fa.d() + ", D(Kr) = " + fk.d());
        s.species = "Xx";
        assertTrue(assertThrows(InputException.class, s::validate).getMessage().contains("species"));
        s.species = "Na";
        assertTrue(assertThrows(InputException.class, () -> s.computeMsd(5, Progress.NONE)).getMessage().contains("no atom of species Na"));
        s.species = "Ar";
        s.temperature = Double.NaN;
        assertTrue(assertThrows(InputException.class, s::validate).getMessage().contains("T (K)"));
    }
}
