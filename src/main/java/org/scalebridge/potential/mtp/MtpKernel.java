package org.scalebridge.potential.mtp;

import java.util.Arrays;

/**
 * The per-site mathematics of an MTP, on primitive arrays: given the displacement vectors r_ij (r_ij = r_j − r_i,
 * |r_ij| &lt; max_dist) and species of one atom's neighbours, the site energy V_i, its gradient ∂V_i/∂r_ij by a reverse
 * (adjoint) pass, and ∂V_i/∂θ. One {@link Workspace} per thread; no allocation once the workspace is big enough.
 *
 * <p>Layout: every per-neighbour quantity is a row over the neighbours (structure of arrays: Chebyshev values
 * T_β[n], radial functions f_μ[n], unit-vector monomials x̂^a ŷ^b ẑ^c [n]), so each step of the forward and reverse
 * pass is a loop over the neighbours with coefficients fixed outside it (loops the JIT compiles to SIMD). The
 * monomials are built once per neighbour by one multiplication each from a lower one and shared by all basic moments
 * with the same (a, b, c); the reverse pass first accumulates ∂V/∂M of every moment (adjoint of the contractions),
 * then makes one sweep per monomial over the neighbours.
 */
final class MtpKernel {
    final int c, k, r, nBasic, nMom, nTimes, nScalar, maxDeg;
    final double rc, rmin, scaling;
    final int[] bMu, bA, bB, bC, bN;
    /** Monomials x̂^a ŷ^b ẑ^c with a+b+c ≤ maxDeg, by degree; monomial 0 is 1. Basic b uses monomial bMono[b]. */
    final int nMono;
    final int[] bMono, monoA, monoB, monoC;
    /** Monomial q ≥ 1 = monomial monoPar[q] × the unit-vector component monoDir[q] (0 = x, 1 = y, 2 = z). */
    final int[] monoPar, monoDir;
    /** Monomials used by some basic moment with degree ≥ 1 (reverse pass): monomial, its lowered monomials in x, y, z
     *  (−1 when that exponent is 0), and the basic moments using it (uFirst[u] .. uFirst[u+1] into uBasic). */
    final int[] uMono, lowX, lowY, lowZ, uFirst, uBasic;
    final double[] uDeg, uA, uB, uC;
    final int[] tI, tJ, tK;
    final double[] tMult;
    final int[] map;
    /** scaling × radial coefficients [((zi·C + zj)·K + μ)·R + β]. */
    final double[] coef;
    final double[] species, moment;

    MtpKernel(MtpModel m) {
        if (!m.isTrained()) throw new IllegalArgumentException("the MTP is untrained (no coefficients)");
        c = m.speciesCount; k = m.radialFuncsCount; r = m.radialBasisSize;
        nBasic = m.alphaIndexBasic.length; nMom = m.alphaMomentsCount; nTimes = m.alphaIndexTimes.length;
        nScalar = m.alphaMomentMapping.length;
        rc = m.maxDist; rmin = m.minDist; scaling = m.scalingOrOne();
        bMu = new int[nBasic]; bA = new int[nBasic]; bB = new int[nBasic]; bC = new int[nBasic]; bN = new int[nBasic];
        int md = 0;
        for (int b = 0; b < nBasic; b++) {
            int[] a = m.alphaIndexBasic[b];
            bMu[b] = a[0]; bA[b] = a[1]; bB[b] = a[2]; bC[b] = a[3]; bN[b] = a[1] + a[2] + a[3];
            md = Math.max(md, bN[b]);
        }
        maxDeg = md;
        int nm = 0;
        int[][][] id = new int[md + 1][md + 1][md + 1];
        for (int deg = 0; deg <= md; deg++) {
            for (int a = deg; a >= 0; a--) for (int b = deg - a; b >= 0; b--) { id[a][b][deg - a - b] = nm++; }
        }
        nMono = nm;
        monoA = new int[nm]; monoB = new int[nm]; monoC = new int[nm]; monoPar = new int[nm]; monoDir = new int[nm];
        for (int a = 0; a <= md; a++) for (int b = 0; a + b <= md; b++) for (int cc = 0; a + b + cc <= md; cc++) {
            int q = id[a][b][cc];
            monoA[q] = a; monoB[q] = b; monoC[q] = cc;
            if (a > 0) { monoPar[q] = id[a - 1][b][cc]; monoDir[q] = 0; }
            else if (b > 0) { monoPar[q] = id[a][b - 1][cc]; monoDir[q] = 1; }
            else if (cc > 0) { monoPar[q] = id[a][b][cc - 1]; monoDir[q] = 2; }
        }
        bMono = new int[nBasic];
        int[] usedBy = new int[nm];
        for (int b = 0; b < nBasic; b++) { bMono[b] = id[bA[b]][bB[b]][bC[b]]; usedBy[bMono[b]]++; }
        int nu = 0;
        for (int q = 1; q < nm; q++) if (usedBy[q] > 0) nu++;
        uMono = new int[nu]; lowX = new int[nu]; lowY = new int[nu]; lowZ = new int[nu]; uFirst = new int[nu + 1];
        uDeg = new double[nu]; uA = new double[nu]; uB = new double[nu]; uC = new double[nu];
        int nub = 0;
        for (int q = 1; q < nm; q++) if (usedBy[q] > 0) nub += usedBy[q];
        uBasic = new int[nub];
        nu = 0;
        nub = 0;
        for (int q = 1; q < nm; q++) {
            if (usedBy[q] == 0) continue;
            uMono[nu] = q;
            uA[nu] = monoA[q]; uB[nu] = monoB[q]; uC[nu] = monoC[q]; uDeg[nu] = monoA[q] + monoB[q] + monoC[q];
            lowX[nu] = monoA[q] > 0 ? id[monoA[q] - 1][monoB[q]][monoC[q]] : -1;
            lowY[nu] = monoB[q] > 0 ? id[monoA[q]][monoB[q] - 1][monoC[q]] : -1;
            lowZ[nu] = monoC[q] > 0 ? id[monoA[q]][monoB[q]][monoC[q] - 1] : -1;
            uFirst[nu] = nub;
            for (int b = 0; b < nBasic; b++) if (bMono[b] == q) uBasic[nub++] = b;
            nu++;
        }
        uFirst[nu] = nub;
        tI = new int[nTimes]; tJ = new int[nTimes]; tK = new int[nTimes]; tMult = new double[nTimes];
        for (int t = 0; t < nTimes; t++) {
            int[] a = m.alphaIndexTimes[t];
            tI[t] = a[0]; tJ[t] = a[1]; tMult[t] = a[2]; tK[t] = a[3];
        }
        map = m.alphaMomentMapping.clone();
        coef = m.radialCoeffs.clone();
        for (int q = 0; q < coef.length; q++) coef[q] *= scaling;
        species = m.speciesCoeffs.clone();
        moment = m.momentCoeffs.clone();
    }

    /** Per-thread scratch space. Callers fill nn, rx/ry/rz, tj and idx (via {@link #add}) before calling the kernel. */
    final class Workspace {
        /** Moments and ∂V/∂M (adjoint) of the current site. */
        final double[] m = new double[nMom], g = new double[nMom];
        int nn;
        /** Neighbour inputs: displacement, species, atom index, shift index. */
        double[] rx = new double[64], ry = new double[64], rz = new double[64];
        int[] tj = new int[64], idx = new int[64], shift = new int[64];
        /** Outputs: ∂V_i/∂r_ij per neighbour. */
        double[] dx = new double[64], dy = new double[64], dz = new double[64];
        /** Per-neighbour rows: 1/r, unit vector, ξ, (rc − r)², −2(rc − r), scratch. */
        double[] inv = new double[64], ux = new double[64], uy = new double[64], uz = new double[64];
        double[] xi = new double[64], s2 = new double[64], sd = new double[64], tmp = new double[64], acc = new double[64];
        /** Rows: Chebyshev T_β and T'_β [R], scaling·T_β·(rc − r)² [R] (parameter derivatives), f_μ and f'_μ [K],
         *  ∂V/∂f_μ [K], monomials [nMono]. */
        double[][] cheb = new double[r][64], dcheb = new double[r][64], q = new double[r][64];
        double[][] f = new double[k][64], df = new double[k][64], gf = new double[k][64];
        double[][] mono = new double[nMono][64];

        Workspace() { Arrays.fill(mono[0], 1.0); }

        void ensure(int cap) {
            if (rx.length >= cap) return;
            int nc = Math.max(cap, rx.length * 2);
            rx = Arrays.copyOf(rx, nc); ry = Arrays.copyOf(ry, nc); rz = Arrays.copyOf(rz, nc);
            tj = Arrays.copyOf(tj, nc); idx = Arrays.copyOf(idx, nc); shift = Arrays.copyOf(shift, nc);
            dx = new double[nc]; dy = new double[nc]; dz = new double[nc];
            inv = new double[nc]; ux = new double[nc]; uy = new double[nc]; uz = new double[nc];
            xi = new double[nc]; s2 = new double[nc]; sd = new double[nc]; tmp = new double[nc]; acc = new double[nc];
            cheb = new double[r][nc]; dcheb = new double[r][nc]; q = new double[r][nc];
            f = new double[k][nc]; df = new double[k][nc]; gf = new double[k][nc];
            mono = new double[nMono][nc];
            Arrays.fill(mono[0], 1.0);
        }

        private double[] sx = new double[0], sy = new double[0], sz = new double[0];
        private int[] st = new int[0], si = new int[0], ss = new int[0];
        private final int[] count = new int[c + 1];

        /**
         * Orders the neighbours by species (stable counting sort), so that the radial coefficients are constant over
         * long runs; no-op for one species or an already sorted list. Outputs follow the new order.
         */
        void sortBySpecies() {
            if (c == 1 || nn < 2) return;
            boolean sorted = true;
            for (int n = 1; n < nn && sorted; n++) sorted = tj[n] >= tj[n - 1];
            if (sorted) return;
            if (sx.length < rx.length) {
                int cap = rx.length;
                sx = new double[cap]; sy = new double[cap]; sz = new double[cap];
                st = new int[cap]; si = new int[cap]; ss = new int[cap];
            }
            Arrays.fill(count, 0);
            for (int n = 0; n < nn; n++) count[tj[n] + 1]++;
            for (int t = 0; t < c; t++) count[t + 1] += count[t];
            for (int n = 0; n < nn; n++) {
                int d = count[tj[n]]++;
                sx[d] = rx[n]; sy[d] = ry[n]; sz[d] = rz[n]; st[d] = tj[n]; si[d] = idx[n]; ss[d] = shift[n];
            }
            double[] td = rx; rx = sx; sx = td;
            td = ry; ry = sy; sy = td;
            td = rz; rz = sz; sz = td;
            int[] ti = tj; tj = st; st = ti;
            ti = idx; idx = si; si = ti;
            ti = shift; shift = ss; ss = ti;
        }

        /** Appends a neighbour. */
        void add(double x, double y, double z, int type, int index, int shiftIndex) {
            if (nn == rx.length) ensure(nn + 1);
            rx[nn] = x; ry[nn] = y; rz[nn] = z; tj[nn] = type; idx[nn] = index; shift[nn] = shiftIndex;
            nn++;
        }
    }

    Workspace workspace() { return new Workspace(); }

    /**
     * Radial functions f_μ(r) = scaling Σ_β c_{zi zj μ β} T_β(ξ) (rc − r)², ξ = (2r − rmin − rc)/(rc − rmin)
     * (Shapeev 2016, eq. 3; MLIP RBChebyshev), with r-derivatives when {@code deriv}; the unit-vector monomials; the
     * basic moments M_{μ,abc} = Σ_j f_μ(r_ij) x̂^a ŷ^b ẑ^c (Shapeev 2016, eq. 5) and their contractions (eq. 6).
     */
    private void forward(Workspace w, int ti, boolean deriv, boolean keepQ) {
        w.sortBySpecies();
        final int nn = w.nn;
        final double[] rx = w.rx, ry = w.ry, rz = w.rz, inv = w.inv, ux = w.ux, uy = w.uy, uz = w.uz;
        final double[] xi = w.xi, s2 = w.s2, sd = w.sd;
        final double sc = 1.0 / (rc - rmin), mid = rmin + rc, dxi = 2 * sc;
        for (int n = 0; n < nn; n++) {
            double x = rx[n], y = ry[n], z = rz[n];
            double d = Math.sqrt(x * x + y * y + z * z);
            double id = 1.0 / d;
            inv[n] = id;
            ux[n] = x * id; uy[n] = y * id; uz[n] = z * id;
            xi[n] = (2 * d - mid) * sc;
            double s = rc - d;
            s2[n] = s * s;
            sd[n] = -2 * s;
        }
        // Chebyshev recurrence T_β = 2ξT_{β−1} − T_{β−2}, T'_β = 2T_{β−1} + 2ξT'_{β−1} − T'_{β−2} (row by row)
        final double[][] T = w.cheb, dT = w.dcheb;
        Arrays.fill(T[0], 0, nn, 1.0);
        if (r > 1) System.arraycopy(xi, 0, T[1], 0, nn);
        for (int b = 2; b < r; b++) {
            double[] t0 = T[b], t1 = T[b - 1], t2 = T[b - 2];
            for (int n = 0; n < nn; n++) t0[n] = 2 * xi[n] * t1[n] - t2[n];
        }
        if (deriv) {
            Arrays.fill(dT[0], 0, nn, 0.0);
            if (r > 1) Arrays.fill(dT[1], 0, nn, 1.0);
            for (int b = 2; b < r; b++) {
                double[] d0 = dT[b], d1 = dT[b - 1], d2 = dT[b - 2], t1 = T[b - 1];
                for (int n = 0; n < nn; n++) d0[n] = 2 * t1[n] + 2 * xi[n] * d1[n] - d2[n];
            }
        }
        if (keepQ) {
            for (int b = 0; b < r; b++) {
                double[] qb = w.q[b], tb = T[b];
                for (int n = 0; n < nn; n++) qb[n] = scaling * tb[n] * s2[n];
            }
        }
        // radial functions, per run of neighbours of one species (constant coefficients inside a run)
        final double[][] f = w.f, df = w.df;
        int n0 = 0;
        while (n0 < nn) {
            int tjn = w.tj[n0], n1 = n0 + 1;
            while (n1 < nn && w.tj[n1] == tjn) n1++;
            int base = (ti * c + tjn) * k * r;
            for (int mu = 0; mu < k; mu++) {
                int o = base + mu * r;
                double[] fm = f[mu];
                double c0 = coef[o];
                for (int n = n0; n < n1; n++) fm[n] = c0;
                for (int b = 1; b < r; b++) {
                    double cb = coef[o + b];
                    double[] tb = T[b];
                    for (int n = n0; n < n1; n++) fm[n] += cb * tb[n];
                }
                if (deriv) {
                    double[] dm = df[mu];
                    for (int n = n0; n < n1; n++) dm[n] = 0;
                    for (int b = 1; b < r; b++) {
                        double cb = coef[o + b];
                        double[] db = dT[b];
                        for (int n = n0; n < n1; n++) dm[n] += cb * db[n];
                    }
                    // d/dr [v(ξ)(rc − r)²] = v'(ξ)·2/(rc − rmin)·(rc − r)² − 2v(rc − r)
                    for (int n = n0; n < n1; n++) dm[n] = dm[n] * dxi * s2[n] + fm[n] * sd[n];
                }
                for (int n = n0; n < n1; n++) fm[n] *= s2[n];
            }
            n0 = n1;
        }
        // unit-vector monomials, each from a lower one times one component
        final double[][] mo = w.mono;
        for (int q = 1; q < nMono; q++) {
            double[] out = mo[q], par = mo[monoPar[q]];
            double[] u = monoDir[q] == 0 ? ux : monoDir[q] == 1 ? uy : uz;
            for (int n = 0; n < nn; n++) out[n] = par[n] * u[n];
        }
        // basic moments: dot products over the neighbours (four partial sums)
        final double[] m = w.m;
        for (int b = 0; b < nBasic; b++) {
            double[] fm = f[bMu[b]], pm = mo[bMono[b]];
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            int n = 0;
            for (; n + 3 < nn; n += 4) {
                a0 += fm[n] * pm[n];
                a1 += fm[n + 1] * pm[n + 1];
                a2 += fm[n + 2] * pm[n + 2];
                a3 += fm[n + 3] * pm[n + 3];
            }
            for (; n < nn; n++) a0 += fm[n] * pm[n];
            m[b] = (a0 + a1) + (a2 + a3);
        }
        Arrays.fill(m, nBasic, nMom, 0.0);
        // contractions (Shapeev 2016, eq. 6: products of moment tensors)
        for (int t = 0; t < nTimes; t++) m[tK[t]] += tMult[t] * m[tI[t]] * m[tJ[t]];
    }

    /** Replaces the parameters θ (radial, species, moment; MLIP order) in place. */
    void setParameters(double[] theta) {
        for (int q = 0; q < coef.length; q++) coef[q] = scaling * theta[q];
        System.arraycopy(theta, coef.length, species, 0, c);
        System.arraycopy(theta, coef.length + c, moment, 0, nScalar);
    }

    /** After {@link #basis}: ∂B_q/∂r_ij of one scalar basis function into w.dx/dy/dz. */
    void basisGradient(Workspace w, int q) {
        Arrays.fill(w.g, 0.0);
        w.g[map[q]] = 1;
        adjoint(w);
        neighbourGradients(w);
    }

    /** The scalar basis functions B_q of the site (neighbours in w) into out[0..nScalar). */
    void basis(Workspace w, int ti, double[] out) {
        forward(w, ti, true, false);
        for (int q = 0; q < nScalar; q++) out[q] = w.m[map[q]];
    }

    /** Site energy V_i = s_{zi} + Σ_q ξ_q B_q (Shapeev 2016, eq. 2). */
    double energy(Workspace w, int ti) {
        forward(w, ti, false, false);
        double v = species[ti];
        for (int q = 0; q < nScalar; q++) v += moment[q] * w.m[map[q]];
        return v;
    }

    /** V_i = ξ_ti + Σ moment_q B_q (after {@link #forward}), seeding dV/dM with the moment coefficients and running the adjoint pass. */
    private double siteEnergyAndAdjoint(Workspace w, int ti) {
        double[] m = w.m, g = w.g;
        double v = species[ti];
        Arrays.fill(g, 0.0);
        for (int q = 0; q < nScalar; q++) {
            v += moment[q] * m[map[q]];
            g[map[q]] += moment[q];
        }
        adjoint(w);
        return v;
    }

    /**
     * Site energy and ∂V_i/∂r_ij (into w.dx/dy/dz) by the adjoint pass over the contractions; with
     * {@code keepParam} also keeps what {@link #paramGradient} needs.
     */
    double energyAndGradient(Workspace w, int ti, boolean keepParam) {
        forward(w, ti, true, keepParam);
        double v = siteEnergyAndAdjoint(w, ti);
        neighbourGradients(w);
        return v;
    }

    /** Reverse pass through the contractions: g = ∂V/∂m for the basic moments. */
    private void adjoint(Workspace w) {
        double[] m = w.m, g = w.g;
        for (int t = nTimes - 1; t >= 0; t--) {
            double gk = g[tK[t]];
            if (gk == 0) continue;
            gk *= tMult[t];
            int i = tI[t], j = tJ[t];
            g[i] += gk * m[j];
            g[j] += gk * m[i];
        }
    }

    /**
     * ∂V/∂r_ij from g = ∂V/∂M_basic: with P the monomial of a basic moment, ∇_r [f(r) P(r̂)] = f' P r̂ + f (∇_û P − ν P û)/r.
     * Leaves ∂V/∂f_μ per neighbour in w.gf (parameter derivatives).
     */
    private void neighbourGradients(Workspace w) {
        final int nn = w.nn;
        final double[] g = w.g;
        final double[][] f = w.f, df = w.df, gf = w.gf, mo = w.mono;
        final double[] ddx = w.dx, ddy = w.dy, ddz = w.dz, a = w.acc, tmp = w.tmp;
        radialAdjoint(w);
        Arrays.fill(a, 0, nn, 0.0);
        Arrays.fill(ddx, 0, nn, 0.0);
        Arrays.fill(ddy, 0, nn, 0.0);
        Arrays.fill(ddz, 0, nn, 0.0);
        // per monomial P: G[n] = Σ_{b uses P} g_b f_{μ_b}[n]; a += ν G P, ∇_û terms += G ∂P/∂û
        for (int u = 0; u < uMono.length; u++) {
            int e = uFirst[u + 1], s = uFirst[u];
            int cnt = 0;
            double scale = 1;
            double[] src = tmp;
            for (int q = s; q < e; q++) {
                int b = uBasic[q];
                double gb = g[b];
                if (gb == 0) continue;
                double[] fm = f[bMu[b]];
                if (cnt == 0) { src = fm; scale = gb; }
                else {
                    if (cnt == 1) { double[] f0 = src; double g0 = scale; for (int n = 0; n < nn; n++) tmp[n] = g0 * f0[n]; src = tmp; scale = 1; }
                    for (int n = 0; n < nn; n++) tmp[n] += gb * fm[n];
                }
                cnt++;
            }
            if (cnt == 0) continue;
            // G[n] = scale · src[n]
            double[] pm = mo[uMono[u]];
            double deg = uDeg[u] * scale;
            for (int n = 0; n < nn; n++) a[n] += deg * src[n] * pm[n];
            if (lowX[u] >= 0) { double[] lo = mo[lowX[u]]; double ex = uA[u] * scale; for (int n = 0; n < nn; n++) ddx[n] += ex * src[n] * lo[n]; }
            if (lowY[u] >= 0) { double[] lo = mo[lowY[u]]; double ex = uB[u] * scale; for (int n = 0; n < nn; n++) ddy[n] += ex * src[n] * lo[n]; }
            if (lowZ[u] >= 0) { double[] lo = mo[lowZ[u]]; double ex = uC[u] * scale; for (int n = 0; n < nn; n++) ddz[n] += ex * src[n] * lo[n]; }
        }
        // radial part f'_μ ∂V/∂f_μ
        double[] rad = tmp;
        for (int n = 0; n < nn; n++) rad[n] = -a[n] * w.inv[n];
        for (int mu = 0; mu < k; mu++) {
            double[] dm = df[mu], gm = gf[mu];
            for (int n = 0; n < nn; n++) rad[n] += dm[n] * gm[n];
        }
        final double[] inv = w.inv, ux = w.ux, uy = w.uy, uz = w.uz;
        for (int n = 0; n < nn; n++) {
            double along = rad[n], id = inv[n];
            ddx[n] = ux[n] * along + ddx[n] * id;
            ddy[n] = uy[n] * along + ddy[n] * id;
            ddz[n] = uz[n] * along + ddz[n] * id;
        }
    }

    /** ∂V/∂f_μ[n] = Σ_b g_b P_b[n] into w.gf. */
    private void radialAdjoint(Workspace w) {
        final int nn = w.nn;
        final double[] g = w.g;
        final double[][] gf = w.gf, mo = w.mono;
        for (int mu = 0; mu < k; mu++) Arrays.fill(gf[mu], 0, nn, 0.0);
        for (int b = 0; b < nBasic; b++) {
            double gb = g[b];
            if (gb == 0) continue;
            double[] out = gf[bMu[b]], pm = mo[bMono[b]];
            for (int n = 0; n < nn; n++) out[n] += gb * pm[n];
        }
    }

    /**
     * Site energy and ∂V_i/∂θ (θ = radial, species, moment, MLIP order) added to {@code out}, without the position
     * derivatives (what the extrapolation grade needs: no f', no monomial gradients).
     */
    double energyAndParamGradient(Workspace w, int ti, double[] out) {
        forward(w, ti, false, true);
        double v = siteEnergyAndAdjoint(w, ti);
        radialAdjoint(w);
        paramGradient(w, ti, 1.0, out);
        return v;
    }

    /**
     * Adds ∂V_i/∂θ (θ = radial, species, moment, MLIP order) times {@code weight} to {@code out}; call after
     * {@link #energyAndGradient} with keepParam = true.
     */
    void paramGradient(Workspace w, int ti, double weight, double[] out) {
        final double[][] gf = w.gf, q = w.q;
        for (int n = 0; n < w.nn; n++) {
            int base = (ti * c + w.tj[n]) * k * r;
            for (int mu = 0; mu < k; mu++) {
                double gm = weight * gf[mu][n];
                if (gm == 0) continue;
                int o = base + mu * r;
                for (int b = 0; b < r; b++) out[o + b] += gm * q[b][n];
            }
        }
        int off = c * c * k * r;
        out[off + ti] += weight;
        off += c;
        for (int qq = 0; qq < nScalar; qq++) out[off + qq] += weight * w.m[map[qq]];
    }
}
