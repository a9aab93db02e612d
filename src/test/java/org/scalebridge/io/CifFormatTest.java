package org.scalebridge.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

class CifFormatTest {
    static List<Structure> parse(String text) {
        try (TrajectoryReader r = CifFormat.reader(LineReader.ofString("t.cif", text))) {
            return r.readAll();
        }
    }

    static final String TWO_BLOCKS = """
            # comment
            data_global_info
            _publ_section_title
            ;
            A multi-line title; with a semicolon inside
            ;
            data_rocksalt
            _cell_length_a 4.0(1)
            _cell_length_b 4.0
            _cell_length_c 4.0
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            _symmetry_space_group_name_H-M 'P 1'
            loop_
            _atom_site_label
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            Na1 0 0 0
            Cl1 0.5 0.5 0.5
            Cl2 1.5 0.5 0.5
            data_second
            _cell_length_a 3
            _cell_length_b 3
            _cell_length_c 3
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            loop_
            _space_group_symop_operation_xyz
            "x,y,z"
            '-x,-y,-z'
            loop_
            _atom_site_type_symbol
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            O2- 0.1 0.2 0.3
            Ti4+ 0.5 0.5 0.5
            """;

    @Test
    void blocksQuotingTextFieldsUncertaintiesAndMerging() {
        List<Structure> s = parse(TWO_BLOCKS);
        assertEquals(2, s.size());
        // Cl2 at 1.5 is the same site as Cl1 after wrapping: merged
        assertEquals(2, s.get(0).size());
        assertEquals(4.0, s.get(0).cell().get(0, 0), 1e-15);
        assertEquals("Cl1", s.get(0).array("label").strings()[1]);
        Structure b = s.get(1);
        assertEquals(3, b.size()); // O at ±r, Ti on the inversion centre once
        assertEquals("O", b.symbol(0));
        assertArrayEquals(new double[] {2.7, 2.4, 2.1}, new double[] {b.x(1), b.y(1), b.z(1)}, 1e-12);
        assertEquals("Ti", b.symbol(2));
    }

    @Test
    void symmetryOperationParsing() {
        LineReader in = LineReader.ofString("t", "");
        double[] op = CifFormat.symop(new CifFormat.Tok("x-y, +x, 1/3+z", 1, true), in);
        assertArrayEquals(new double[] {1, -1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1.0 / 3}, op, 1e-15);
        op = CifFormat.symop(new CifFormat.Tok("-X+0.5,Y,-Z+1/2", 1, true), in);
        assertArrayEquals(new double[] {-1, 0, 0, 0, 1, 0, 0, 0, -1, 0.5, 0, 0.5}, op, 1e-15);
    }

    @Test
    void badInputNamesFileLineAndExpectation() {
        InputException e = assertThrows(InputException.class, () -> parse(TWO_BLOCKS.replace("Cl2 1.5 0.5 0.5\n", "Cl2 1.5 0.5\n")));
        assertTrue(e.getMessage().startsWith("t.cif:") && e.getMessage().contains("not a multiple of 4"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(TWO_BLOCKS.replace("'-x,-y,-z'", "'-x,-y'")));
        assertTrue(e.getMessage().startsWith("t.cif:33") && e.getMessage().contains("three comma-separated"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(TWO_BLOCKS.replace("'-x,-y,-z'", "'2x,-y,-z'")));
        assertTrue(e.getMessage().contains("determinant"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(TWO_BLOCKS.replace("_symmetry_space_group_name_H-M 'P 1'", "_symmetry_space_group_name_H-M 'F m -3 m'")));
        assertTrue(e.getMessage().startsWith("t.cif:14") && e.getMessage().contains("operations are not listed"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(TWO_BLOCKS.replace("_cell_length_c 4.0\n", "")));
        assertTrue(e.getMessage().contains("missing _cell_length_c"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(TWO_BLOCKS.replace("A multi-line title; with a semicolon inside\n;", "never closed")));
        assertTrue(e.getMessage().startsWith("t.cif:4") && e.getMessage().contains("never closed"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(TWO_BLOCKS.replace("Na1 0 0 0", "Xx1 0 0 0")));
        assertTrue(e.getMessage().contains("element of atom site 'Xx1'"), e.getMessage());
    }
}
