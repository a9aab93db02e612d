package org.scalebridge.ui.viewer;

import java.util.ArrayList;
import java.util.Arrays;
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
 * What the atomistic viewer draws, computed off the FX thread from a {@link Structure}: the displayed atoms (periodic
 * replicas n×m×l, then the Na-only filter, the slice, the clip planes and the selection filter), their radii and colour
 * indices, bonds from per-pair cutoffs as half-bonds towards the minimum image (so bonds across periodic boundaries
 * are drawn at both atoms, inside every replica), coordination polyhedra around chosen centre species (FeC6, MnN6
 * octahedra) as convex hulls of their bonded neighbours' minimum images, and the cell edges. No JavaFX nodes.
 */
public final class ViewerModel {
    /** Settings that select and colour atoms. */
    public static final class Settings {
        public boolean sodiumOnly;
        /** Slice along lattice vector {@code sliceAxis} (0, 1, 2) keeping fractional coordinates in [lo, hi]; -1 = off. */
        public int sliceAxis = -1;
        public double sliceLo = 0, sliceHi = 1;
        /**
         * Clip planes {nx, ny, nz, t}: keep atoms with n·r ≤ d where d lies at fraction t ∈ [0, 1] of the displayed
         * box's extent along the (Cartesian, normalised) n; flip a plane by negating n.
         */
        public final List<double[]> clipPlanes = new ArrayList<>();
        /** Periodic replicas along a, b, c (≥ 1 each). */
        public int[] replicas = {1, 1, 1};
        /** Selection expression ({@link Selection}); null/blank = none. Selected atoms are highlighted or shown alone. */
        public String selection;
        public boolean selectionOnly;
        /** Centre species drawn as coordination polyhedra (e.g. Fe, Mn) and their opacity. */
        public final List<String> polyhedra = new ArrayList<>();
        public double polyhedraOpacity = 0.45;
        /** Per-atom property name (a PerAtomArray, "index", "z" or "x/y/z") or null to colour by species. */
        public String property;
        public ColorMap colorMap = ColorMap.VIRIDIS;
        public double radiusScale = 0.5;
        public boolean bonds = true;
        /** Bond cutoff factor on the sum of covalent radii, unless a per-pair cutoff is given. */
        public double bondFactor = 1.15;
        public final Map<String, Double> pairCutoffs = new LinkedHashMap<>();

        /** A deep copy (the model is built on another thread while the UI keeps editing its settings). */
        public Settings copy() {
            Settings c = new Settings();
            c.sodiumOnly = sodiumOnly;
            c.sliceAxis = sliceAxis;
            c.sliceLo = sliceLo;
            c.sliceHi = sliceHi;
            for (double[] q : clipPlanes) c.clipPlanes.add(q.clone());
            c.replicas = replicas.clone();
            c.selection = selection;
            c.selectionOnly = selectionOnly;
            c.polyhedra.addAll(polyhedra);
            c.polyhedraOpacity = polyhedraOpacity;
            c.property = property;
            c.colorMap = colorMap;
            c.radiusScale = radiusScale;
            c.bonds = bonds;
            c.bondFactor = bondFactor;
            c.pairCutoffs.putAll(pairCutoffs);
            return c;
        }
    }

    public final Structure structure;
    public final Settings settings;
    /** Structure atom index of every displayed atom (an atom appears once per replica). */
    public final int[] visible;
    /** Displayed positions (Å), 3 per displayed atom: the atom's position shifted by its replica's lattice vector. */
    public final double[] pos;
    /** Per displayed atom: selected by the selection expression (highlighted). */
    public final boolean[] selected;
    /** Number of structure atoms the selection expression matched (-1 without a selection). */
    public final int selectedCount;
    /** Atomic number → radius (Å) and species colour. */
    public final Map<Integer, Double> radius = new LinkedHashMap<>();
    public final Map<Integer, Color> speciesColor = new LinkedHashMap<>();
    /** Per displayed atom, property value (NaN in species mode) and normalised value t ∈ [0,1]. */
    public final double[] value, t;
    public final double propMin, propMax;
    /** Half-bond segments: x0,y0,z0,x1,y1,z1 and the displayed atom each half belongs to (for its colour). */
    public final double[] bondSegs;
    public final int[] bondAtom;
    /** Polyhedron triangles (9 doubles each, outward winding) and the atomic number of each triangle's centre. */
    public final double[] polyTris;
    public final int[] polyCentreZ;
    /** Number of polyhedra built and how many had the expected 6 vertices (octahedra). */
    public final int polyhedra, octahedra;
    /** Cell edges (the structure's cell and, with replicas, the replicated box): 6 doubles per edge. */
    public final double[] cellEdges;
    public final double[] centre;

    public ViewerModel(Structure src, Settings settings) {
        this.structure = src;
        this.settings = settings;
        int n = src.size();
        int[] z = src.atomicNumbers();
        double[] p = src.positions();
        Cell cell = src.cell();
        double[] h = cell.matrix();
        int[] rep = new int[3];
        for (int d = 0; d < 3; d++) rep[d] = Math.max(1, settings.replicas == null ? 1 : settings.replicas[d]);
        // the displayed (super)box: lattice rows scaled by the replica counts
        double[] hs = new double[9];
        for (int r = 0; r < 3; r++) for (int d = 0; d < 3; d++) hs[3 * r + d] = h[3 * r + d] * rep[r];
        double[][] planes = new double[settings.clipPlanes.size()][];
        for (int q = 0; q < planes.length; q++) planes[q] = plane(settings.clipPlanes.get(q), hs);
        boolean[] inSel = null;
        int selCount = -1;
        if (settings.selection != null && !settings.selection.isBlank()) {
            Selection.Predicate pr = Selection.compile(settings.selection, src);
            inSel = new boolean[n];
            selCount = 0;
            for (int i = 0; i < n; i++) if (inSel[i] = pr.test(i)) selCount++;
        }
        selectedCount = selCount;
        int na = Elements.bySymbol("Na").z();
        double[] fr = new double[3 * n], one = new double[3], f = new double[3];
        for (int i = 0; i < n; i++) {
            System.arraycopy(p, 3 * i, one, 0, 3);
            cell.toFractional(one, f);
            for (int d = 0; d < 3; d++) fr[3 * i + d] = f[d] - Math.floor(f[d]);
        }
        int cap = n * rep[0] * rep[1] * rep[2];
        int[] vis = new int[Math.min(cap, 1 << 16)];
        double[] vp = new double[3 * vis.length];
        int m = 0;
        for (int ra = 0; ra < rep[0]; ra++) for (int rb = 0; rb < rep[1]; rb++) for (int rc = 0; rc < rep[2]; rc++) {
            int[] rr = {ra, rb, rc};
            double sx = ra * h[0] + rb * h[3] + rc * h[6], sy = ra * h[1] + rb * h[4] + rc * h[7], sz = ra * h[2] + rb * h[5] + rc * h[8];
            for (int i = 0; i < n; i++) {
                if (settings.sodiumOnly && z[i] != na) continue;
                if (settings.selectionOnly && inSel != null && !inSel[i]) continue;
                if (settings.sliceAxis >= 0) {
                    int ax = settings.sliceAxis;
                    double u = (fr[3 * i + ax] + rr[ax]) / rep[ax];   // fractional coordinate in the displayed box
                    if (u < settings.sliceLo || u > settings.sliceHi) continue;
                }
                double x = p[3 * i] + sx, y = p[3 * i + 1] + sy, zz = p[3 * i + 2] + sz;
                boolean clipped = false;
                for (double[] pl : planes) if (pl[0] * x + pl[1] * y + pl[2] * zz > pl[3]) { clipped = true; break; }
                if (clipped) continue;
                if (m == vis.length) { vis = Arrays.copyOf(vis, 2 * m); vp = Arrays.copyOf(vp, 6 * m); }
                vis[m] = i;
                vp[3 * m] = x; vp[3 * m + 1] = y; vp[3 * m + 2] = zz;
                m++;
            }
        }
        visible = Arrays.copyOf(vis, m);
        pos = Arrays.copyOf(vp, 3 * m);
        selected = new boolean[m];
        if (inSel != null) for (int k = 0; k < m; k++) selected[k] = inSel[visible[k]];
        for (int i = 0; i < n; i++) {
            int zi = z[i];   // the arrays may be longer than n (capacity)
            if (radius.containsKey(zi)) continue;
            Element e = Elements.byZ(zi);
            radius.put(zi, Math.max(0.3, e.covalentRadius()) * settings.radiusScale * 2);
            int rgb = e.rgb();
            speciesColor.put(zi, Color.rgb(rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255));
        }
        value = new double[m];
        t = new double[m];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        if (settings.property != null) {
            for (int k = 0; k < m; k++) {
                value[k] = property(src, settings.property, visible[k]);
                if (Double.isFinite(value[k])) { lo = Math.min(lo, value[k]); hi = Math.max(hi, value[k]); }
            }
            for (int k = 0; k < m; k++) t[k] = hi > lo ? (value[k] - lo) / (hi - lo) : 0.5;
        }
        propMin = lo;
        propMax = hi;
        // bonds and polyhedra from one neighbour list of the structure (minimum-image vectors)
        int[] polyZ = new int[settings.polyhedra.size()];
        for (int q = 0; q < polyZ.length; q++) polyZ[q] = Elements.bySymbol(settings.polyhedra.get(q)).z();
        boolean wantBonds = settings.bonds && m > 0 && m <= 400_000;
        boolean wantPoly = polyZ.length > 0 && m > 0;
        double[] segs = new double[0];
        int[] owner = new int[0];
        int ns = 0;
        double[] tris = new double[0];
        int[] triZ = new int[0];
        int nt = 0, nPoly = 0, nOct = 0;
        if (wantBonds || wantPoly) {
            double maxCut = 0;
            for (int a : radius.keySet()) for (int b : radius.keySet()) maxCut = Math.max(maxCut, cutoff(a, b));
            // bonded neighbours of every atom as minimum-image vectors (CSR), computed once for all replicas
            int[] cnt = new int[n + 1];
            double[] vec = new double[0];
            int[] nbOf = new int[0];
            int nv = 0;
            if (maxCut > 0) {
                Structure s = src.copy();
                NeighborList nl = new NeighborList(maxCut, 0.0, true);
                nl.build(s);
                int[] off = nl.offsets(), nb = nl.neighbors();
                double[] d = new double[3];
                int[] pi = new int[16], pj = new int[16];
                double[] pd = new double[48];
                int np = 0;
                for (int i = 0; i < n; i++) {
                    for (int q = off[i]; q < off[i + 1]; q++) {
                        int j = nb[q];
                        for (int c = 0; c < 3; c++) d[c] = p[3 * j + c] - p[3 * i + c];
                        double r2 = cell.minimumImage(d);   // shortest periodic image: crosses boundaries correctly
                        double rc = cutoff(z[i], z[j]);
                        if (r2 > rc * rc || r2 < 1e-6) continue;
                        if (np == pi.length) { pi = Arrays.copyOf(pi, 2 * np); pj = Arrays.copyOf(pj, 2 * np); pd = Arrays.copyOf(pd, 6 * np); }
                        pi[np] = i; pj[np] = j;
                        System.arraycopy(d, 0, pd, 3 * np, 3);
                        np++;
                        cnt[i + 1]++;
                        cnt[j + 1]++;
                    }
                }
                for (int i = 0; i < n; i++) cnt[i + 1] += cnt[i];
                int[] fill = Arrays.copyOf(cnt, n);
                nv = cnt[n];
                vec = new double[3 * nv];
                nbOf = new int[nv];
                for (int q = 0; q < np; q++) {
                    int a = fill[pi[q]]++, b = fill[pj[q]]++;
                    nbOf[a] = pj[q];
                    nbOf[b] = pi[q];
                    for (int c = 0; c < 3; c++) { vec[3 * a + c] = pd[3 * q + c]; vec[3 * b + c] = -pd[3 * q + c]; }
                }
            }
            if (wantBonds) {
                segs = new double[6 * Math.max(16, nv)];
                owner = new int[Math.max(16, nv)];
                for (int k = 0; k < m; k++) {
                    int i = visible[k];
                    for (int q = cnt[i]; q < cnt[i + 1]; q++) {
                        if (ns == owner.length) { owner = Arrays.copyOf(owner, 2 * ns); segs = Arrays.copyOf(segs, 12 * ns); }
                        int o = 6 * ns;
                        for (int c = 0; c < 3; c++) {
                            segs[o + c] = pos[3 * k + c];
                            segs[o + 3 + c] = pos[3 * k + c] + vec[3 * q + c] / 2;
                        }
                        owner[ns++] = k;
                    }
                }
            }
            if (wantPoly) {
                List<double[]> tl = new ArrayList<>();
                List<Integer> tz = new ArrayList<>();
                for (int k = 0; k < m; k++) {
                    int i = visible[k];
                    boolean centre = false;
                    for (int pz : polyZ) centre |= z[i] == pz;
                    if (!centre) continue;
                    int nvx = 0;
                    double[] vx = new double[3 * (cnt[i + 1] - cnt[i])];
                    for (int q = cnt[i]; q < cnt[i + 1]; q++) {
                        int j = nbOf[q];
                        if (z[j] == z[i] || z[j] == na) continue;
                        for (int c = 0; c < 3; c++) vx[3 * nvx + c] = pos[3 * k + c] + vec[3 * q + c];
                        nvx++;
                    }
                    if (nvx < 4 || nvx > 16) continue;
                    int before = tl.size();
                    hull(Arrays.copyOf(vx, 3 * nvx), nvx, new double[] {pos[3 * k], pos[3 * k + 1], pos[3 * k + 2]}, tl);
                    for (int q = before; q < tl.size(); q++) tz.add(z[i]);
                    nPoly++;
                    if (nvx == 6) nOct++;
                }
                nt = tl.size();
                tris = new double[9 * nt];
                triZ = new int[nt];
                for (int q = 0; q < nt; q++) { System.arraycopy(tl.get(q), 0, tris, 9 * q, 9); triZ[q] = tz.get(q); }
            }
        }
        bondSegs = Arrays.copyOf(segs, 6 * ns);
        bondAtom = Arrays.copyOf(owner, ns);
        polyTris = tris;
        polyCentreZ = triZ;
        polyhedra = nPoly;
        octahedra = nOct;
        boolean replicated = rep[0] * rep[1] * rep[2] > 1;
        double[] e1 = edges(h), e2 = replicated ? edges(hs) : new double[0];
        cellEdges = new double[e1.length + e2.length];
        System.arraycopy(e1, 0, cellEdges, 0, e1.length);
        System.arraycopy(e2, 0, cellEdges, e1.length, e2.length);
        centre = new double[] {(hs[0] + hs[3] + hs[6]) / 2, (hs[1] + hs[4] + hs[7]) / 2, (hs[2] + hs[5] + hs[8]) / 2};
    }

    /** The 12 edges of the parallelepiped spanned by the rows of h. */
    private static double[] edges(double[] h) {
        double[][] corners = new double[8][3];
        for (int c = 0; c < 8; c++) for (int d = 0; d < 3; d++)
            corners[c][d] = ((c & 1) != 0 ? h[d] : 0) + ((c & 2) != 0 ? h[3 + d] : 0) + ((c & 4) != 0 ? h[6 + d] : 0);
        int[][] edges = {{0, 1}, {0, 2}, {0, 4}, {1, 3}, {1, 5}, {2, 3}, {2, 6}, {3, 7}, {4, 5}, {4, 6}, {5, 7}, {6, 7}};
        double[] out = new double[72];
        for (int e = 0; e < 12; e++) for (int d = 0; d < 3; d++) {
            out[6 * e + d] = corners[edges[e][0]][d];
            out[6 * e + 3 + d] = corners[edges[e][1]][d];
        }
        return out;
    }

    /** A clip plane {nx, ny, nz, t} as {n̂, d} with d at fraction t of the box's extent along n̂ (corners of h). */
    static double[] plane(double[] spec, double[] h) {
        double nx = spec[0], ny = spec[1], nz = spec[2];
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (!(len > 0)) throw new IllegalArgumentException("clip plane normal must be non-zero");
        nx /= len; ny /= len; nz /= len;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 8; c++) {
            double x = 0, y = 0, zz = 0;
            for (int r = 0; r < 3; r++) if ((c >> r & 1) != 0) { x += h[3 * r]; y += h[3 * r + 1]; zz += h[3 * r + 2]; }
            double v = nx * x + ny * y + nz * zz;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] {nx, ny, nz, lo + spec[3] * (hi - lo)};
    }

    /**
     * Convex hull of a few points (a coordination shell, ≤ 16 vertices) by testing every triple: a triple is a face
     * when no other point lies outside its plane; faces are wound outward (away from the centre atom).
     */
    static void hull(double[] v, int n, double[] centre, List<double[]> out) {
        double scale = 0;
        for (int a = 0; a < n; a++) for (int c = 0; c < 3; c++) scale = Math.max(scale, Math.abs(v[3 * a + c] - centre[c]));
        double eps = 1e-6 * Math.max(1, scale);
        for (int a = 0; a < n; a++) for (int b = a + 1; b < n; b++) for (int c = b + 1; c < n; c++) {
            double ux = v[3 * b] - v[3 * a], uy = v[3 * b + 1] - v[3 * a + 1], uz = v[3 * b + 2] - v[3 * a + 2];
            double wx = v[3 * c] - v[3 * a], wy = v[3 * c + 1] - v[3 * a + 1], wz = v[3 * c + 2] - v[3 * a + 2];
            double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
            double nl = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (nl < 1e-12) continue;
            nx /= nl; ny /= nl; nz /= nl;
            // orient outward: the centre must be on the negative side
            double dc = nx * (centre[0] - v[3 * a]) + ny * (centre[1] - v[3 * a + 1]) + nz * (centre[2] - v[3 * a + 2]);
            boolean flip = dc > 0;
            if (flip) { nx = -nx; ny = -ny; nz = -nz; }
            boolean face = true;
            for (int o = 0; o < n && face; o++) {
                if (o == a || o == b || o == c) continue;
                double s = nx * (v[3 * o] - v[3 * a]) + ny * (v[3 * o + 1] - v[3 * a + 1]) + nz * (v[3 * o + 2] - v[3 * a + 2]);
                if (s > eps) face = false;
            }
            if (!face) continue;
            int i1 = flip ? c : b, i2 = flip ? b : c;
            out.add(new double[] {v[3 * a], v[3 * a + 1], v[3 * a + 2], v[3 * i1], v[3 * i1 + 1], v[3 * i1 + 2],
                    v[3 * i2], v[3 * i2 + 1], v[3 * i2 + 2]});
        }
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
