package org.scalebridge.ui.viewer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.paint.Color;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Element;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;

/**
 * What the atomistic viewer draws, computed off the FX thread from a {@link Structure}: the visible atoms (after the
 * Na-only filter and the slice), their radii and colour indices, bonds from per-pair cutoffs as half-bonds towards the
 * minimum image (so bonds across periodic boundaries are drawn at both atoms), and the cell edges. No JavaFX nodes.
 */
public final class ViewerModel {
    /** Settings that select and colour atoms. */
    public static final class Settings {
        public boolean sodiumOnly;
        /** Slice along lattice vector {@code sliceAxis} (0, 1, 2) keeping fractional coordinates in [lo, hi]; -1 = off. */
        public int sliceAxis = -1;
        public double sliceLo = 0, sliceHi = 1;
        /** Per-atom property name (a PerAtomArray, "index", "z" or "x/y/z") or null to colour by species. */
        public String property;
        public ColorMap colorMap = ColorMap.VIRIDIS;
        public double radiusScale = 0.5;
        public boolean bonds = true;
        /** Bond cutoff factor on the sum of covalent radii, unless a per-pair cutoff is given. */
        public double bondFactor = 1.15;
        public final Map<String, Double> pairCutoffs = new LinkedHashMap<>();
    }

    public final Structure structure;
    public final Settings settings;
    /** Visible atom indices into {@link #structure}. */
    public final int[] visible;
    /** Atomic number → radius (Å) and species colour. */
    public final Map<Integer, Double> radius = new LinkedHashMap<>();
    public final Map<Integer, Color> speciesColor = new LinkedHashMap<>();
    /** Per visible atom, property value (NaN in species mode) and normalised value t ∈ [0,1]. */
    public final double[] value, t;
    public final double propMin, propMax;
    /** Half-bond segments: x0,y0,z0,x1,y1,z1 and the atom each half belongs to (for its colour). */
    public final double[] bondSegs;
    public final int[] bondAtom;
    /** 12 cell edges: 24 points × 3. */
    public final double[] cellEdges;
    public final double[] centre;

    public ViewerModel(Structure src, Settings settings) {
        this.structure = src;
        this.settings = settings;
        int n = src.size();
        int[] z = src.atomicNumbers();
        double[] p = src.positions();
        Cell cell = src.cell();
        List<Integer> vis = new ArrayList<>();
        double[] f = new double[3];
        int na = Elements.bySymbol("Na").z();
        for (int i = 0; i < n; i++) {
            if (settings.sodiumOnly && z[i] != na) continue;
            if (settings.sliceAxis >= 0) {
                cell.toFractional(new double[] {p[3 * i], p[3 * i + 1], p[3 * i + 2]}, f);
                double u = f[settings.sliceAxis] - Math.floor(f[settings.sliceAxis]);
                if (u < settings.sliceLo || u > settings.sliceHi) continue;
            }
            vis.add(i);
        }
        visible = vis.stream().mapToInt(Integer::intValue).toArray();
        for (int zi : z) {
            if (radius.containsKey(zi)) continue;
            Element e = Elements.byZ(zi);
            radius.put(zi, Math.max(0.3, e.covalentRadius()) * settings.radiusScale * 2);
            int rgb = e.rgb();
            speciesColor.put(zi, Color.rgb(rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255));
        }
        value = new double[visible.length];
        t = new double[visible.length];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        if (settings.property != null) {
            for (int k = 0; k < visible.length; k++) {
                value[k] = property(src, settings.property, visible[k]);
                if (Double.isFinite(value[k])) { lo = Math.min(lo, value[k]); hi = Math.max(hi, value[k]); }
            }
            for (int k = 0; k < visible.length; k++) t[k] = hi > lo ? (value[k] - lo) / (hi - lo) : 0.5;
        }
        propMin = lo;
        propMax = hi;
        // bonds
        List<double[]> segs = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        if (settings.bonds && visible.length > 0 && visible.length <= 200_000) {
            double maxCut = 0;
            for (int a : radius.keySet()) for (int b : radius.keySet()) maxCut = Math.max(maxCut, cutoff(a, b));
            Structure s = src.copy();
            NeighborList nl = new NeighborList(maxCut, 0.0, true);
            nl.build(s);
            boolean[] isVis = new boolean[n];
            for (int i : visible) isVis[i] = true;
            int[] off = nl.offsets(), nb = nl.neighbors();
            double[] d = new double[3];
            for (int i = 0; i < n; i++) {
                for (int q = off[i]; q < off[i + 1]; q++) {
                    int j = nb[q];
                    if (!isVis[i] && !isVis[j]) continue;
                    for (int c = 0; c < 3; c++) d[c] = p[3 * j + c] - p[3 * i + c];
                    double r2 = cell.minimumImage(d);   // shortest periodic image: crosses boundaries correctly
                    double rc = cutoff(z[i], z[j]);
                    if (r2 > rc * rc || r2 < 1e-6) continue;
                    if (isVis[i]) { segs.add(new double[] {p[3 * i], p[3 * i + 1], p[3 * i + 2],
                            p[3 * i] + d[0] / 2, p[3 * i + 1] + d[1] / 2, p[3 * i + 2] + d[2] / 2}); owner.add(i); }
                    if (isVis[j]) { segs.add(new double[] {p[3 * j], p[3 * j + 1], p[3 * j + 2],
                            p[3 * j] - d[0] / 2, p[3 * j + 1] - d[1] / 2, p[3 * j + 2] - d[2] / 2}); owner.add(j); }
                }
            }
        }
        bondSegs = new double[segs.size() * 6];
        bondAtom = new int[segs.size()];
        for (int k = 0; k < segs.size(); k++) { System.arraycopy(segs.get(k), 0, bondSegs, 6 * k, 6); bondAtom[k] = owner.get(k); }
        double[] h = cell.matrix();
        double[][] corners = new double[8][3];
        for (int c = 0; c < 8; c++) for (int d = 0; d < 3; d++)
            corners[c][d] = ((c & 1) != 0 ? h[d] : 0) + ((c & 2) != 0 ? h[3 + d] : 0) + ((c & 4) != 0 ? h[6 + d] : 0);
        int[][] edges = {{0, 1}, {0, 2}, {0, 4}, {1, 3}, {1, 5}, {2, 3}, {2, 6}, {3, 7}, {4, 5}, {4, 6}, {5, 7}, {6, 7}};
        cellEdges = new double[72];
        for (int e = 0; e < 12; e++) for (int d = 0; d < 3; d++) {
            cellEdges[6 * e + d] = corners[edges[e][0]][d];
            cellEdges[6 * e + 3 + d] = corners[edges[e][1]][d];
        }
        centre = new double[] {(h[0] + h[3] + h[6]) / 2, (h[1] + h[4] + h[7]) / 2, (h[2] + h[5] + h[8]) / 2};
    }

    /** Bond cutoff (Å) for a pair of atomic numbers: per-pair setting "A-B" or factor × (r_cov,A + r_cov,B). */
    public double cutoff(int za, int zb) {
        String a = Elements.byZ(za).symbol(), b = Elements.byZ(zb).symbol();
        Double c = settings.pairCutoffs.get(a + "-" + b);
        if (c == null) c = settings.pairCutoffs.get(b + "-" + a);
        if (c != null) return c;
        if (za == zb && (a.equals("Na") || a.equals("Fe") || a.equals("Mn"))) return 0;   // no metal–metal / Na–Na bonds
        if (a.equals("Na") || b.equals("Na")) return 0;   // Na is an interstitial ion, not bonded
        return settings.bondFactor * (Elements.byZ(za).covalentRadius() + Elements.byZ(zb).covalentRadius());
    }

    /** Value of a per-atom property ("index", "x", "y", "z", or the first component of a real/int PerAtomArray). */
    public static double property(Structure s, String name, int i) {
        switch (name) {
            case "index": return i;
            case "x": return s.positions()[3 * i];
            case "y": return s.positions()[3 * i + 1];
            case "z": return s.positions()[3 * i + 2];
            default:
                var a = s.array(name);
                if (a == null) return Double.NaN;
                if (a.reals() != null) return a.reals()[i * a.components()];
                if (a.ints() != null) return a.ints()[i * a.components()];
                return Double.NaN;
        }
    }

    /** Names offered in the "colour by" menu. */
    public static List<String> propertyNames(Structure s) {
        List<String> out = new ArrayList<>(List.of("index", "x", "y", "z"));
        for (var e : s.arrays().entrySet()) {
            var a = e.getValue();
            if (a.reals() != null || a.ints() != null) out.add(e.getKey());
        }
        return out;
    }

    /** Colour of visible atom k. */
    public Color color(int k) {
        if (settings.property == null) return speciesColor.get(structure.atomicNumbers()[visible[k]]);
        return settings.colorMap.at(t[k]);
    }
}
