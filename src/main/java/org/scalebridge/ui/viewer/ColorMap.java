package org.scalebridge.ui.viewer;

import javafx.scene.paint.Color;

/** Perceptually ordered colour maps for per-atom properties (viridis-like anchors, linear interpolation). */
public enum ColorMap {
    VIRIDIS(new int[] {0x440154, 0x414487, 0x2a788e, 0x22a884, 0x7ad151, 0xfde725}),
    COOLWARM(new int[] {0x3b4cc0, 0x7396f5, 0xb0cbfc, 0xdddddd, 0xf6bfa6, 0xe7745b, 0xb40426});

    private final int[] anchors;

    ColorMap(int[] anchors) { this.anchors = anchors; }

    /** Colour at t in [0, 1] (clamped). */
    public Color at(double t) {
        if (!(t >= 0)) t = 0;
        if (t > 1) t = 1;
        double x = t * (anchors.length - 1);
        int i = Math.min((int) x, anchors.length - 2);
        double f = x - i;
        Color a = Color.rgb(anchors[i] >> 16 & 255, anchors[i] >> 8 & 255, anchors[i] & 255);
        Color b = Color.rgb(anchors[i + 1] >> 16 & 255, anchors[i + 1] >> 8 & 255, anchors[i + 1] & 255);
        return a.interpolate(b, f);
    }
}
