package org.scalebridge.ui.viewer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.paint.Color;

/**
 * The arrays of the 3D viewer's batched meshes (points, texture coordinates, faces, colours), computed from a
 * {@link ViewerModel} off the FX thread; the FX thread only wraps them in TriangleMesh/MeshView nodes. One part per
 * species (a sphere per atom: icosahedron, or an octahedron above {@link #LOD_ATOMS} displayed atoms; per-atom
 * colours through a 256-entry palette texture), one for the bonds, one for the cell edges and one per polyhedron
 * centre species (translucent).
 */
final class MeshParts {
    private MeshParts() {}

    /** Above this many displayed atoms the atoms are octahedra (8 faces) instead of icosahedra (20 faces). */
    static final int LOD_ATOMS = 20_000;

    /**
     * One mesh: {@code palette} (256 ARGB entries, face texture index = entry) for atoms, else a single
     * {@code colour}; {@code twoSided} disables back-face culling (bonds, cell, translucent polyhedra).
     */
    record Part(String id, float[] points, float[] tex, int[] faces, int[] palette, Color colour, boolean twoSided) {
        int triangles() { return faces.length / 6; }
    }

    static final float[] OCT_V = {1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1};
    static final int[] OCT_F = {0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5};
    static final float[] ICO_V;
    static final int[] ICO_F;
    static {
        double t = (1 + Math.sqrt(5)) / 2;
        double[][] v = {{-1, t, 0}, {1, t, 0}, {-1, -t, 0}, {1, -t, 0}, {0, -1, t}, {0, 1, t}, {0, -1, -t}, {0, 1, -t},
                {t, 0, -1}, {t, 0, 1}, {-t, 0, -1}, {-t, 0, 1}};
        ICO_V = new float[36];
        for (int i = 0; i < 12; i++) {
            double n = Math.sqrt(v[i][0] * v[i][0] + v[i][1] * v[i][1] + v[i][2] * v[i][2]);
            for (int d = 0; d < 3; d++) ICO_V[3 * i + d] = (float) (v[i][d] / n);
        }
        ICO_F = new int[] {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
                3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
    }

    private static final float[] PALETTE_TEX = new float[512];
    static {
        for (int q = 0; q < 256; q++) { PALETTE_TEX[2 * q] = (q + 0.5f) / 256f; PALETTE_TEX[2 * q + 1] = 0.5f; }
    }

    /** All parts of a model, in drawing order (opaque atoms, bonds and cell first; translucent polyhedra last). */
    static List<Part> build(ViewerModel model, Color highlight) {
        List<Part> out = new ArrayList<>();
        double[] p = model.pos;
        int[] z = model.structure.atomicNumbers();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int k = 0; k < model.visible.length; k++) counts.merge(z[model.visible[k]], 1, Integer::sum);
        Map<Integer, int[]> bySpecies = new HashMap<>();
        for (var e : counts.entrySet()) bySpecies.put(e.getKey(), new int[e.getValue()]);
        Map<Integer, Integer> fill = new HashMap<>();
        for (int k = 0; k < model.visible.length; k++) {
            int zi = z[model.visible[k]];
            int f = fill.merge(zi, 1, Integer::sum) - 1;
            bySpecies.get(zi)[f] = k;
        }
        // level of detail: above LOD_ATOMS displayed atoms (a few pixels each) octahedra replace the icosahedra;
        // measured: 32k atoms = 1.09 M → 0.70 M triangles with the bonds
        boolean coarse = model.visible.length > LOD_ATOMS;
        float[] sv = coarse ? OCT_V : ICO_V;
        int[] sf = coarse ? OCT_F : ICO_F;
        int nv = sv.length / 3, nf = sf.length / 3;
        for (int zs : counts.keySet()) {
            int[] ks = bySpecies.get(zs);
            float r = (float) (double) model.radius.get(zs);
            float[] pts = new float[ks.length * 3 * nv];
            int[] fc = new int[ks.length * 6 * nf];
            for (int a = 0; a < ks.length; a++) {
                int kk = ks[a];
                for (int v = 0; v < nv; v++) for (int d = 0; d < 3; d++) pts[3 * nv * a + 3 * v + d] = (float) p[3 * kk + d] + r * sv[3 * v + d];
                int ti = model.selected[kk] ? 255 : model.settings.property == null ? 0 : (int) Math.min(254, Math.max(0, model.t[kk] * 254));
                for (int f = 0; f < nf; f++) for (int c = 0; c < 3; c++) {
                    fc[6 * nf * a + 6 * f + 2 * c] = nv * a + sf[3 * f + c];
                    fc[6 * nf * a + 6 * f + 2 * c + 1] = ti;
                }
            }
            int[] pal = new int[256];
            for (int q = 0; q < 256; q++) pal[q] = SoftwareRaster.argb(q == 255 ? highlight
                    : model.settings.property == null ? model.speciesColor.get(zs) : model.settings.colorMap.at(q / 254.0));
            out.add(new Part("mesh-" + org.scalebridge.structure.Elements.symbol(zs), pts, PALETTE_TEX, fc, pal, null, false));
        }
        // bonds: triangular prisms (6 triangles); above LOD_ATOMS flat two-sided ribbons (2 triangles), which at a few
        // pixels per bond look the same and cut the largest part of a 32k-atom view from 0.44 M to 0.15 M triangles
        out.add(coarse ? ribbons(model.bondSegs, 0.12f, Color.web("#9aa3b0"), "bonds") : prisms(model.bondSegs, 0.12f, Color.web("#9aa3b0"), "bonds"));
        out.add(prisms(model.cellEdges, 0.05f, Color.web("#c0c8d6"), "cell"));
        Map<Integer, Integer> triCount = new TreeMap<>();
        for (int zc : model.polyCentreZ) triCount.merge(zc, 1, Integer::sum);
        for (var e : triCount.entrySet()) {
            int nt = e.getValue(), w = 0;
            float[] pts = new float[9 * nt];
            int[] fc = new int[6 * nt];
            for (int q = 0; q < model.polyCentreZ.length; q++) {
                if (model.polyCentreZ[q] != e.getKey()) continue;
                for (int c = 0; c < 9; c++) pts[9 * w + c] = (float) model.polyTris[9 * q + c];
                for (int v = 0; v < 3; v++) { fc[6 * w + 2 * v] = 3 * w + v; fc[6 * w + 2 * v + 1] = 0; }
                w++;
            }
            Color c = model.speciesColor.get(e.getKey());
            out.add(new Part("poly-" + org.scalebridge.structure.Elements.symbol(e.getKey()), pts, new float[] {0.5f, 0.5f}, fc, null,
                    Color.color(c.getRed(), c.getGreen(), c.getBlue(), model.settings.polyhedraOpacity), true));
        }
        return out;
    }

    /** Segments as flat ribbons of width 2·halfWidth (one quad each, perpendicular to the segment and to z). */
    static Part ribbons(double[] seg, float halfWidth, Color colour, String id) {
        int n = seg.length / 6;
        float[] pts = new float[n * 12];
        int[] fc = new int[n * 12];
        for (int k = 0; k < n; k++) {
            double dx = seg[6 * k + 3] - seg[6 * k], dy = seg[6 * k + 4] - seg[6 * k + 1];
            double len = Math.sqrt(dx * dx + dy * dy);
            double ox = len > 1e-9 ? -dy / len * halfWidth : halfWidth, oy = len > 1e-9 ? dx / len * halfWidth : 0;
            for (int end = 0; end < 2; end++) for (int side = 0; side < 2; side++) {
                int o = 12 * k + 6 * end + 3 * side;
                double sg = side == 0 ? 1 : -1;
                pts[o] = (float) (seg[6 * k + 3 * end] + sg * ox);
                pts[o + 1] = (float) (seg[6 * k + 3 * end + 1] + sg * oy);
                pts[o + 2] = (float) seg[6 * k + 3 * end + 2];
            }
            int v = 4 * k;
            int[] tri = {0, 1, 3, 0, 3, 2};
            for (int q = 0; q < 6; q++) { fc[12 * k + 2 * q] = v + tri[q]; fc[12 * k + 2 * q + 1] = 0; }
        }
        return new Part(id, pts, new float[] {0.5f, 0.5f}, fc, null, colour, true);
    }

    /** Segments (x0..z1 per 6 doubles) as thin triangular prisms in one mesh. */
    static Part prisms(double[] seg, float radius, Color colour, String id) {
        int n = seg.length / 6;
        float[] pts = new float[n * 18];
        int[] fc = new int[n * 36];
        int[] tri = {0, 1, 4, 0, 4, 3, 1, 2, 5, 1, 5, 4, 2, 0, 3, 2, 3, 5};
        for (int k = 0; k < n; k++) {
            double dx = seg[6 * k + 3] - seg[6 * k], dy = seg[6 * k + 4] - seg[6 * k + 1], dz = seg[6 * k + 5] - seg[6 * k + 2];
            double len = Math.sqrt(dx * dx + dy * dy + dz * dz) + 1e-12;
            dx /= len; dy /= len; dz /= len;
            double ux = Math.abs(dx) < 0.9 ? 1 : 0, uy = Math.abs(dx) < 0.9 ? 0 : 1, uz = 0;
            double ax = dy * uz - dz * uy, ay = dz * ux - dx * uz, az = dx * uy - dy * ux;
            double an = Math.sqrt(ax * ax + ay * ay + az * az);
            ax /= an; ay /= an; az /= an;
            double bx = dy * az - dz * ay, by = dz * ax - dx * az, bz = dx * ay - dy * ax;
            for (int end = 0; end < 2; end++) for (int c = 0; c < 3; c++) {
                double ang = 2 * Math.PI * c / 3, ca = Math.cos(ang) * radius, sa = Math.sin(ang) * radius;
                int o = 18 * k + 9 * end + 3 * c;
                pts[o] = (float) (seg[6 * k + 3 * end] + ca * ax + sa * bx);
                pts[o + 1] = (float) (seg[6 * k + 3 * end + 1] + ca * ay + sa * by);
                pts[o + 2] = (float) (seg[6 * k + 3 * end + 2] + ca * az + sa * bz);
            }
            int v = 6 * k;
            for (int q = 0; q < 18; q++) { fc[36 * k + 2 * q] = v + tri[q]; fc[36 * k + 2 * q + 1] = 0; }
        }
        return new Part(id, pts, new float[] {0.5f, 0.5f}, fc, null, colour, true);
    }
}
