package org.scalebridge.potential.mtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Generates the MTP basis of a given level (Shapeev 2016, sec. 3; Gubaev et al. 2019): the moment tensors
 * M_{μ,ν} = Σ_j f_μ(r_ij) r̂_ij^{⊗ν} have level lev = 2 + 4μ + ν; a basis function is a complete contraction of a
 * product of at most four of them (the convention of MLIP's shipped templates) with total level ≤ L, one per
 * non-isomorphic contraction graph (vertices = tensors labelled (μ, ν), vertex degree ν, no self-loops).
 *
 * <p>The contractions are expressed in the .mtp vocabulary: the basic moments are the symmetric components
 * x̂^a ŷ^b ẑ^c of each M_{μ,ν}; every intermediate tensor is stored by groups of free indices (one group per
 * vertex it will be contracted with, symmetrised within the group since that vertex is symmetric), in weighted form
 * (component × multinomial multiplicities), which keeps every coefficient of {@code alpha_index_times} an integer.
 */
public final class MtpBasisGenerator {
    private MtpBasisGenerator() {}

    /** Maximum number of moment tensors in one basis function (MLIP's templates of levels 6–20). */
    public static final int MAX_FACTORS = 4;

    /** An untrained MTP of the given level for {@code species} species (RBChebyshev, R = 8, 2–5 Å like MLIP's). */
    public static MtpModel generate(int level, int species) {
        return generate(level, species, 8, 2.0, 5.0);
    }

    public static MtpModel generate(int level, int species, int radialBasisSize, double minDist, double maxDist) {
        if (level < 2 || level > 28) throw new IllegalArgumentException("level must be 2..28");
        if (species < 1) throw new IllegalArgumentException("species must be ≥ 1");
        List<Graph> graphs = enumerate(level);
        // basic tensors used
        TreeSet<Long> tensors = new TreeSet<>();
        int maxMu = 0;
        for (Graph g : graphs) for (int[] v : g.labels) { tensors.add(((long) v[0] << 32) | v[1]); maxMu = Math.max(maxMu, v[0]); }
        Builder b = new Builder();
        for (long t : tensors) {
            int mu = (int) (t >> 32), nu = (int) t;
            for (int a = nu; a >= 0; a--) for (int bb = nu - a; bb >= 0; bb--) b.basic(mu, a, bb, nu - a - bb);
        }
        b.nBasic = b.basicList.size();
        b.next = b.nBasic;
        List<Integer> scalars = new ArrayList<>();
        for (Graph g : graphs) scalars.add(b.scalar(g));
        MtpModel m = new MtpModel();
        m.speciesCount = species;
        m.minDist = minDist;
        m.maxDist = maxDist;
        m.radialBasisSize = radialBasisSize;
        m.radialFuncsCount = maxMu + 1;
        m.alphaIndexBasic = b.basicList.toArray(new int[0][]);
        m.alphaIndexTimes = b.times.toArray(new int[0][]);
        m.alphaMomentsCount = b.next;
        m.alphaMomentMapping = scalars.stream().mapToInt(Integer::intValue).toArray();
        m.validate();
        return m;
    }

    /** A contraction graph: vertex labels (μ, ν) and edge multiplicities e[i][j]. */
    static final class Graph {
        final int[][] labels;
        final int[][] e;
        final String key;

        Graph(int[][] labels, int[][] e) {
            this.labels = labels;
            this.e = e;
            this.key = canonical(labels, e);
        }

        int level() {
            int l = 0;
            for (int[] v : labels) l += 2 + 4 * v[0] + v[1];
            return l;
        }
    }

    static List<Graph> enumerate(int level) {
        List<int[]> tensors = new ArrayList<>();
        for (int mu = 0; 2 + 4 * mu <= level; mu++) for (int nu = 0; 2 + 4 * mu + nu <= level; nu++) tensors.add(new int[] {mu, nu});
        Map<String, Graph> out = new LinkedHashMap<>();
        choose(tensors, 0, new ArrayList<>(), 0, level, out);
        List<Graph> list = new ArrayList<>(out.values());
        list.sort((x, y) -> x.level() != y.level() ? Integer.compare(x.level(), y.level())
                : x.labels.length != y.labels.length ? Integer.compare(x.labels.length, y.labels.length) : x.key.compareTo(y.key));
        return list;
    }

    private static void choose(List<int[]> tensors, int start, List<int[]> chosen, int lev, int level, Map<String, Graph> out) {
        if (!chosen.isEmpty()) edges(chosen.toArray(new int[0][]), out);
        if (chosen.size() == MAX_FACTORS) return;
        for (int i = start; i < tensors.size(); i++) {
            int[] t = tensors.get(i);
            int l = 2 + 4 * t[0] + t[1];
            if (lev + l > level) continue;
            chosen.add(t);
            choose(tensors, i, chosen, lev + l, level, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    private static void edges(int[][] labels, Map<String, Graph> out) {
        int k = labels.length;
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < k; i++) for (int j = i + 1; j < k; j++) pairs.add(new int[] {i, j});
        int[] rem = new int[k];
        for (int i = 0; i < k; i++) rem[i] = labels[i][1];
        assign(labels, pairs, 0, rem, new int[k][k], out);
    }

    private static void assign(int[][] labels, List<int[]> pairs, int p, int[] rem, int[][] e, Map<String, Graph> out) {
        if (p == pairs.size()) {
            for (int r : rem) if (r != 0) return;
            int[][] ec = new int[e.length][];
            for (int i = 0; i < e.length; i++) ec[i] = e[i].clone();
            Graph g = new Graph(labels.clone(), ec);
            out.putIfAbsent(g.key, g);
            return;
        }
        int i = pairs.get(p)[0], j = pairs.get(p)[1];
        for (int m = 0; m <= Math.min(rem[i], rem[j]); m++) {
            rem[i] -= m; rem[j] -= m;
            e[i][j] = m; e[j][i] = m;
            assign(labels, pairs, p + 1, rem, e, out);
            rem[i] += m; rem[j] += m;
        }
        e[i][j] = 0; e[j][i] = 0;
    }

    /** Canonical string of a labelled multigraph: the minimum over vertex permutations. */
    static String canonical(int[][] labels, int[][] e) {
        int k = labels.length;
        int[] perm = new int[k];
        for (int i = 0; i < k; i++) perm[i] = i;
        String best = null;
        do {
            StringBuilder s = new StringBuilder();
            for (int a = 0; a < k; a++) s.append('(').append(labels[perm[a]][0]).append(',').append(labels[perm[a]][1]).append(')');
            s.append('|');
            for (int a = 0; a < k; a++) for (int b = a + 1; b < k; b++) s.append(e[perm[a]][perm[b]]).append(',');
            String c = s.toString();
            if (best == null || c.compareTo(best) < 0) best = c;
        } while (nextPermutation(perm));
        return best;
    }

    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) i--;
        if (i < 0) return false;
        int j = a.length - 1;
        while (a[j] <= a[i]) j--;
        int t = a[i]; a[i] = a[j]; a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) { t = a[l]; a[l] = a[r]; a[r] = t; }
        return true;
    }

    /** Monomials (a, b, c) of degree d, in MLIP's order (a descending, then b descending). */
    static int[][] monomials(int d) {
        List<int[]> l = new ArrayList<>();
        for (int a = d; a >= 0; a--) for (int b = d - a; b >= 0; b--) l.add(new int[] {a, b, d - a - b});
        return l.toArray(new int[0][]);
    }

    /** Multinomial coefficient d!/(a! b! c!): the number of index tuples with that monomial. */
    static long mult(int[] m) {
        return fact(m[0] + m[1] + m[2]) / (fact(m[0]) * fact(m[1]) * fact(m[2]));
    }

    private static long fact(int n) {
        long f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }

    private static final class Builder {
        final List<int[]> basicList = new ArrayList<>();
        final Map<String, Integer> basicIndex = new HashMap<>();
        final List<int[]> times = new ArrayList<>();
        final Map<String, Integer> memo = new HashMap<>();
        int nBasic, next;

        void basic(int mu, int a, int b, int c) {
            basicIndex.put(mu + ":" + a + "," + b + "," + c, basicList.size());
            basicList.add(new int[] {mu, a, b, c});
        }

        int basicSlot(int mu, int[] mono) {
            return basicIndex.get(mu + ":" + mono[0] + "," + mono[1] + "," + mono[2]);
        }

        int product(int x, int y) {
            String key = "P" + Math.min(x, y) + "*" + Math.max(x, y);
            Integer s = memo.get(key);
            if (s != null) return s;
            int k = next++;
            times.add(new int[] {Math.min(x, y), Math.max(x, y), 1, k});
            memo.put(key, k);
            return k;
        }

        int scalar(Graph g) {
            // connected components
            int k = g.labels.length;
            int[] comp = new int[k];
            Arrays.fill(comp, -1);
            int nc = 0;
            for (int s = 0; s < k; s++) {
                if (comp[s] >= 0) continue;
                ArrayList<Integer> stack = new ArrayList<>(List.of(s));
                comp[s] = nc;
                while (!stack.isEmpty()) {
                    int v = stack.remove(stack.size() - 1);
                    for (int w = 0; w < k; w++) if (g.e[v][w] > 0 && comp[w] < 0) { comp[w] = nc; stack.add(w); }
                }
                nc++;
            }
            List<Integer> slots = new ArrayList<>();
            for (int c = 0; c < nc; c++) {
                List<Integer> vs = new ArrayList<>();
                for (int v = 0; v < k; v++) if (comp[v] == c) vs.add(v);
                int[][] lab = new int[vs.size()][];
                int[][] e = new int[vs.size()][vs.size()];
                for (int a = 0; a < vs.size(); a++) {
                    lab[a] = g.labels[vs.get(a)];
                    for (int b = 0; b < vs.size(); b++) e[a][b] = g.e[vs.get(a)][vs.get(b)];
                }
                slots.add(component(lab, e));
            }
            slots.sort(null);
            int s = slots.get(0);
            for (int q = 1; q < slots.size(); q++) s = product(s, slots.get(q));
            return s;
        }

        /** Scalar slot of a connected contraction graph. */
        int component(int[][] lab, int[][] e) {
            int k = lab.length;
            if (k == 1) return basicSlot(lab[0][0], new int[] {0, 0, 0});
            String key = "C" + canonical(lab, e);
            Integer cached = memo.get(key);
            if (cached != null) return cached;
            // order: each next vertex adjacent to the contracted set
            int[] order = new int[k];
            boolean[] in = new boolean[k];
            order[0] = 0;
            in[0] = true;
            for (int t = 1; t < k; t++) {
                int pick = -1;
                for (int v = 0; v < k && pick < 0; v++) {
                    if (in[v]) continue;
                    for (int u = 0; u < k; u++) if (in[u] && e[u][v] > 0) { pick = v; break; }
                }
                order[t] = pick;
                in[pick] = true;
            }
            int v0 = order[0], v1 = order[1];
            int result;
            if (k == 2) {
                result = next++;
                for (int[] a : monomials(e[v0][v1])) {
                    int s0 = basicSlot(lab[v0][0], a), s1 = basicSlot(lab[v1][0], a);
                    times.add(new int[] {Math.min(s0, s1), Math.max(s0, s1), (int) mult(a), result});
                }
                memo.put(key, result);
                return result;
            }
            // first step: v0 · v1 → weighted grouped tensor with groups for the remaining vertices
            int[] rest = Arrays.copyOfRange(order, 2, k);
            Map<String, Integer> x = new LinkedHashMap<>();
            int[] sizesX = new int[rest.length];
            for (int q = 0; q < rest.length; q++) sizesX[q] = e[v0][rest[q]] + e[v1][rest[q]];
            List<int[][]> gammas = groupTuples(rest, v0, e), betas = groupTuples(rest, v1, e);
            for (int[] a : monomials(e[v0][v1])) {
                for (int[][] gm : gammas) {
                    for (int[][] bt : betas) {
                        int[] m0 = add(a, sum(gm)), m1 = add(a, sum(bt));
                        long c = mult(a);
                        int[][] delta = new int[rest.length][];
                        for (int q = 0; q < rest.length; q++) { c *= mult(gm[q]) * mult(bt[q]); delta[q] = add(gm[q], bt[q]); }
                        int slot = x.computeIfAbsent(Arrays.deepToString(delta), z -> next++);
                        int s0 = basicSlot(lab[v0][0], m0), s1 = basicSlot(lab[v1][0], m1);
                        times.add(new int[] {Math.min(s0, s1), Math.max(s0, s1), (int) c, slot});
                    }
                }
            }
            // later steps: X (groups for `rest`) · v = rest[0]
            int[] contracted = {v0, v1};
            while (true) {
                int v = rest[0];
                int[] rest2 = Arrays.copyOfRange(rest, 1, rest.length);
                int s = 0;
                for (int u : contracted) s += e[u][v];
                if (rest2.length == 0) {
                    result = next++;
                    for (int[] a : monomials(s)) {
                        int sx = x.get(Arrays.deepToString(new int[][] {a}));
                        int sv = basicSlot(lab[v][0], a);
                        times.add(new int[] {Math.min(sx, sv), Math.max(sx, sv), 1, result});
                    }
                    break;
                }
                Map<String, Integer> y = new LinkedHashMap<>();
                // X's groups for rest2 (sizes from contracted set), v's parts for rest2
                List<int[][]> gms = groupTuplesFromSet(rest2, contracted, e);
                List<int[][]> bts = groupTuples(rest2, v, e);
                for (int[] a : monomials(s)) {
                    for (int[][] gm : gms) {
                        int[][] xKey = new int[rest.length][];
                        xKey[0] = a;
                        System.arraycopy(gm, 0, xKey, 1, gm.length);
                        int sx = x.get(Arrays.deepToString(xKey));
                        for (int[][] bt : bts) {
                            long c = 1;
                            int[][] delta = new int[rest2.length][];
                            for (int q = 0; q < rest2.length; q++) { c *= mult(bt[q]); delta[q] = add(gm[q], bt[q]); }
                            int sv = basicSlot(lab[v][0], add(a, sum(bt)));
                            int slot = y.computeIfAbsent(Arrays.deepToString(delta), z -> next++);
                            times.add(new int[] {Math.min(sx, sv), Math.max(sx, sv), (int) c, slot});
                        }
                    }
                }
                int[] c2 = Arrays.copyOf(contracted, contracted.length + 1);
                c2[contracted.length] = v;
                contracted = c2;
                rest = rest2;
                x = y;
            }
            memo.put(key, result);
            return result;
        }

        /** All tuples of monomials, one per target vertex, with degrees e[from][target]. */
        private List<int[][]> groupTuples(int[] targets, int from, int[][] e) {
            int[] deg = new int[targets.length];
            for (int q = 0; q < targets.length; q++) deg[q] = e[from][targets[q]];
            return tuples(deg);
        }

        private List<int[][]> groupTuplesFromSet(int[] targets, int[] from, int[][] e) {
            int[] deg = new int[targets.length];
            for (int q = 0; q < targets.length; q++) for (int u : from) deg[q] += e[u][targets[q]];
            return tuples(deg);
        }

        private List<int[][]> tuples(int[] deg) {
            List<int[][]> out = new ArrayList<>();
            out.add(new int[deg.length][]);
            for (int q = 0; q < deg.length; q++) {
                List<int[][]> nx = new ArrayList<>();
                for (int[][] t : out) {
                    for (int[] m : monomials(deg[q])) {
                        int[][] c = t.clone();
                        c[q] = m;
                        nx.add(c);
                    }
                }
                out = nx;
            }
            return out;
        }

        private static int[] add(int[] a, int[] b) { return new int[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }

        private static int[] sum(int[][] ms) {
            int[] s = new int[3];
            for (int[] m : ms) { s[0] += m[0]; s[1] += m[1]; s[2] += m[2]; }
            return s;
        }
    }
}
