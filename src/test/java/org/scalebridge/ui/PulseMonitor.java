package org.scalebridge.ui;

import java.util.Locale;
import javafx.scene.Scene;
import org.testfx.api.FxRobot;

/**
 * Measures how long each FX pulse spends in our scene's CSS + layout pass (pre-layout → post-layout listeners),
 * i.e. the part of the pulse our UI code controls, and the longest gap between consecutive pulses.
 */
final class PulseMonitor {
    private final Scene scene;
    private long pre, lastPost;
    private double maxLayout, maxGap;
    private long pulses;
    private final StringBuilder slow = new StringBuilder();
    private final Runnable preL = () -> pre = System.nanoTime();
    private final Runnable postL;

    PulseMonitor(Scene scene) {
        this.scene = scene;
        postL = () -> {
            long now = System.nanoTime();
            if (pre != 0) { double ms = (now - pre) * 1e-6; maxLayout = Math.max(maxLayout, ms); if (ms > 50) slow.append(String.format(Locale.ROOT, " %.0f@%d", ms, pulses)); }
            if (lastPost != 0) maxGap = Math.max(maxGap, (now - lastPost) * 1e-6);
            lastPost = now;
            pulses++;
        };
        javafx.application.Platform.runLater(() -> {
            scene.addPreLayoutPulseListener(preL);
            scene.addPostLayoutPulseListener(postL);
        });
    }

    void stop(FxRobot robot) {
        robot.interact(() -> {
            scene.removePreLayoutPulseListener(preL);
            scene.removePostLayoutPulseListener(postL);
        });
    }

    double maxLayoutMs() { return maxLayout; }

    String summary() {
        return String.format(Locale.ROOT, "pulses=%d max layout phase=%.1f ms, max gap between pulses=%.1f ms; slow (ms@pulse):%s%n", pulses, maxLayout, maxGap, slow);
    }
}
