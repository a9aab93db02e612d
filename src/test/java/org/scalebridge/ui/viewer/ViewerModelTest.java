package org.scalebridge.ui.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/** The viewer's model without a display: replicas, clip planes, selection, polyhedra, bonds and measurements across PBC. */
class ViewerModelTest {
    private static Structure pba() { return new PbaBuilder(PbaPhase.TETRAGONAL).x(1.0).supercell(1, 1, 1).seed(3).build(); }

    @Test
    void replicasRepeatEveryAtomShiftedByLatticeVectors() {
        Structure s = pba();
        ViewerModel.Settings st = new ViewerModel.Settings();
        st.bonds = false;
        st.replicas = new int[] {2, 1, 3};
        ViewerModel m = new ViewerModel(s, st);
        assertEquals(6 * s.size(), m.visible.length);
        double[] h = s.cell().matrix();
        // the copy of atom 0 in replica (1, 0, 2) sits at r0 + a + 2c (exact: a sum of doubles)
        boolean found = false;
        for (int k = 0; k < m.visible.length; k++) {
            if (m.visible[k] != 0) continue;
            double ex = s.positions()[0] + h[0] + 2 * h[6], ey = s.positions()[1] + h[1] + 2 * h[7], ez = s.positions()[2] + h[2] + 2 * h[8];
            found |= Math.abs(m.pos[3 * k] - ex) < 1e-9 && Math.abs(m.pos[3 * k + 1] - ey) < 1e-9 && Math.abs(m.pos[3 * k + 2] - ez) < 1e-9;
        }
        assertTrue(found);
        assertEquals(2 * 72, m.cellEdges.length, "unit cell and the replicated box");
    }

    @Test
    void clipPlaneKeepsOneSide() {
        Structure s = pba();
        ViewerModel.Settings st = new ViewerModel.Settings();
        st.bonds = false;
        st.clipPlanes.add(new double[] {0, 0, 1, 0.4});
        ViewerModel m = new ViewerModel(s, st);
        double zmax = s.cell().matrix()[8];   // orthogonal tetragonal cell: c along z
        int expected = 0;
        for (int i = 0; i < s.size(); i++) if (s.positions()[3 * i + 2] <= 0.4 * zmax) expected++;
        assertEquals(expected, m.visible.length);
        for (int k = 0; k < m.visible.length; k++) assertTrue(m.pos[3 * k + 2] <= 0.4 * zmax + 1e-9);
        // the flipped plane keeps the complement; two planes intersect
        ViewerModel.Settings f = new ViewerModel.Settings();
        f.bonds = false;
        f.clipPlanes.add(new double[] {0, 0, -1, 0.6});   // −z at 60 % from the top = z ≥ 0.4 c
        assertEquals(s.size(), expected + new ViewerModel(s, f).visible.length, "no atom sits exactly on the plane");
    }

    @Test
    void selectionHighlightsOrFilters() {
        Structure s = pba();
        ViewerModel.Settings st = new ViewerModel.Settings();
        st.bonds = false;
        st.selection = "species == Na && z > 5";
        ViewerModel m = new ViewerModel(s, st);
        int na = 0;
        for (int i = 0; i < s.size(); i++) if (s.symbol(i).equals("Na") && s.positions()[3 * i + 2] > 5) na++;
        assertTrue(na > 0);
        assertEquals(na, m.selectedCount);
        int hl = 0;
        for (boolean b : m.selected) if (b) hl++;
        assertEquals(na, hl);
        st.selectionOnly = true;
        assertEquals(na, new ViewerModel(s, st).visible.length);
        st.selection = "species == Na &&";
        assertThrows(InputException.class, () -> new ViewerModel(s, st));
    }

    @Test
    void octahedraAroundEveryFeAndMn() {
        Structure s = pba();
        ViewerModel.Settings st = new ViewerModel.Settings();
        st.polyhedra.add("Fe");
        st.polyhedra.add("Mn");
        ViewerModel m = new ViewerModel(s, st);
        long fe = s.composition().get("Fe"), mn = s.composition().get("Mn");
        assertEquals(fe + mn, m.polyhedra);
        assertEquals(fe + mn, m.octahedra, "FeC6 and MnN6: six vertices each");
        assertEquals(8 * (fe + mn), m.polyCentreZ.length, "an octahedron has 8 triangular faces");
        // every face is wound outward: its normal points away from the centre of its octahedron (centroid test)
        double[] t = m.polyTris;
        for (int q = 0; q < m.polyCentreZ.length; q++) {
            double ux = t[9 * q + 3] - t[9 * q], uy = t[9 * q + 4] - t[9 * q + 1], uz = t[9 * q + 5] - t[9 * q + 2];
            double wx = t[9 * q + 6] - t[9 * q], wy = t[9 * q + 7] - t[9 * q + 1], wz = t[9 * q + 8] - t[9 * q + 2];
            double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
            double area = 0.5 * Math.sqrt(nx * nx + ny * ny + nz * nz);
            assertTrue(area > 1.0 && area < 4.0, "octahedral face of M–X ≈ 1.9–2.2 Å: area " + area);
        }
    }

    @Test
    void bondsAndMeasurementsCrossThePeriodicBoundary() {
        // C at x = 0.3 and N at x = 9.5 in a 10 Å box: 0.8 Å apart through the boundary, 9.2 Å inside the box
        Structure s = new Structure(Cell.orthorhombic(10, 10, 10));
        s.addAtom("C", 0.3, 5, 5);
        s.addAtom("N", 9.5, 5, 5);
        s.addAtom("C", 9.5, 6.2, 5);
        ViewerModel.Settings st = new ViewerModel.Settings();
        st.pairCutoffs.put("C-N", 1.3);
        st.pairCutoffs.put("C-C", 0.0);
        ViewerModel m = new ViewerModel(s, st);
        // C0–N1 (0.8 Å across x) and N1–C2 (1.2 Å): two bonds, four half-bonds
        assertEquals(4, m.bondAtom.length);
        for (int q = 0; q < m.bondAtom.length; q++) {
            int k = m.bondAtom[q];
            double dx = m.bondSegs[6 * q + 3] - m.bondSegs[6 * q], dy = m.bondSegs[6 * q + 4] - m.bondSegs[6 * q + 1];
            if (m.visible[k] == 0) assertArrayEquals(new double[] {-0.4, 0}, new double[] {dx, dy}, 1e-9, "C0 bonds out through x = 0");
        }
        assertEquals(0.8, Measure.distance(s, 0, 1), 1e-12);
        // angle C0–N1–C2: N→C0 is +x (through the boundary), N→C2 is +y: 90°
        assertEquals(90.0, Measure.angle(s, 0, 1, 2), 1e-9);
        assertTrue(Measure.describe(s, new int[] {0, 1}).contains("0.8000 Å"));
    }
}
