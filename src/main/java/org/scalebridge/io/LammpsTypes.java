package org.scalebridge.io;

import java.nio.file.Path;
import java.util.TreeSet;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.PerAtomArray;
import org.scalebridge.structure.Structure;

/** Chooses LAMMPS atom types for writing: the "type" array, an explicit species order, or increasing Z. */
final class LammpsTypes {
    private LammpsTypes() {}

    static int[] types(Structure s, IoOptions o, Path file) {
        int n = s.size();
        int[] t = new int[n];
        String[] order = o.speciesOrder();
        if (order != null) {
            for (int i = 0; i < n; i++) {
                int k = -1;
                for (int j = 0; j < order.length; j++) if (order[j].equalsIgnoreCase(s.symbol(i))) { k = j; break; }
                if (k < 0) throw LammpsDumpFormat.noType(file, s.symbol(i));
                t[i] = k + 1;
            }
            return t;
        }
        PerAtomArray a = s.array("type");
        if (a != null && a.type() == PerAtomArray.Type.INT && a.components() == 1) {
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) ok = a.ints()[i] >= 1;
            if (ok) {
                System.arraycopy(a.ints(), 0, t, 0, n);
                return t;
            }
        }
        TreeSet<Integer> zs = new TreeSet<>();
        for (int i = 0; i < n; i++) zs.add(s.atomicNumber(i));
        Integer[] sorted = zs.toArray(new Integer[0]);
        for (int i = 0; i < n; i++) {
            int z = s.atomicNumber(i);
            for (int j = 0; j < sorted.length; j++) if (sorted[j] == z) { t[i] = j + 1; break; }
        }
        if (n > 0 && t[0] == 0) throw InputException.at(file, -1, "could not assign LAMMPS types");
        return t;
    }
}
