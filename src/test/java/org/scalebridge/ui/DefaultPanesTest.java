package org.scalebridge.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shipped analysis panes are mounted in the main window's Panes menu. */
class DefaultPanesTest {
    @Test
    void analysisThermoAndP2dPanesAreRegistered() {
        DefaultPanes.registerAll();
        var titles = PaneRegistry.panes().keySet();
        assertTrue(titles.stream().anyMatch(t -> t.contains("MSD")), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.contains("free energy")), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.contains("P2D")), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.contains("Pipeline")), titles.toString());
    }
}
