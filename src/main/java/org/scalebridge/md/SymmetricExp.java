package org.scalebridge.md;

/** Exponential of a symmetric 3×3 matrix via Jacobi eigen-decomposition (row-major arrays). */
final class SymmetricExp {
    private final double[] a = new double[9], vec = new double[9], w = new double[3];

    /** out = exp(t·A) for symmetric A (row-major, length 9). */
    void exp(double[] A, double t, double[] out) {
        boolean diagonal = A[1] == 0 && A[2] == 0 && A[5] == 0 && A[3] == 0 && A[6] == 0 && A[7] == 0;
        if (diagonal) {
            java.util.Arrays.fill(out, 0);
            out[0] = Math.exp(t * A[0]); out[4] = Math.exp(t * A[4]); out[8] = Math.exp(t * A[8]);
            return;
        }
        System.arraycopy(A, 0, a, 0, 9);
        java.util.Arrays.fill(vec, 0);
        vec[0] = vec[4] = vec[8] = 1;
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
            double diag = a[0] * a[0] + a[4] * a[4] + a[8] * a[8];
            if (off <= 1e-32 * Math.max(diag, 1e-300)) break;
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    double apq = a[3 * p + q];
                    if (apq == 0) continue;
                    double theta = (a[3 * q + q] - a[3 * p + p]) / (2 * apq);
                    double tt = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) tt = 1;
                    double c = 1 / Math.sqrt(tt * tt + 1), s = tt * c;
                    // A' = Jᵀ A J with rotation in the (p, q) plane
                    for (int k = 0; k < 3; k++) {
                        double akp = a[3 * k + p], akq = a[3 * k + q];
                        a[3 * k + p] = c * akp - s * akq;
                        a[3 * k + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[3 * p + k], aqk = a[3 * q + k];
                        a[3 * p + k] = c * apk - s * aqk;
                        a[3 * q + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = vec[3 * k + p], vkq = vec[3 * k + q];
                        vec[3 * k + p] = c * vkp - s * vkq;
                        vec[3 * k + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        for (int k = 0; k < 3; k++) w[k] = Math.exp(t * a[4 * k]);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) sum += vec[3 * i + k] * w[k] * vec[3 * j + k];
                out[3 * i + j] = sum;
            }
        }
    }
}
