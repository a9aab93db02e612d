package org.scalebridge.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import javafx.scene.Scene;
import org.testfx.api.FxRobot;

/**
 * Pulse timing on the FX thread: for every pulse interval (post-layout to post-layout) the CPU time the FX thread
 * spent (all our code on it: animation timers, runLater batches, event handlers, CSS and layout; an idle FX thread
 * uses none), plus wall-clock times of the CSS/layout phase and of the gaps between pulses (these also contain the
 * OS scheduling delays of a loaded machine).
 */
final class PulseMonitor {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private final Scene scene;
    private long pre, lastPost, lastCpu;
    private double maxLayout, maxGap, maxCpu, sumCpu;
    private long pulses;
    private final StringBuilder slow = new StringBuilder();
    private final Runnable preL = () -> pre = System.nanoTime();
    private final Runnable postL;

    PulseMonitor(Scene scene) {
        this.scene = scene;
        postL = () -> {
            long now = System.nanoTime(), cpu = MX.getCurrentThreadCpuTime();
            if (pre != 0) maxLayout = Math.max(maxLayout, (now - pre) * 1e-6);
            if (lastPost != 0) {
                maxGap = Math.max(maxGap, (now - lastPost) * 1e-6);
                double c = (cpu - lastCpu) * 1e-6;
                maxCpu = Math.max(maxCpu, c);
                sumCpu += c;
                if (c > 50) slow.append(String.format(Locale.ROOT, " %.0f@%d", c, pulses));
            }
            lastPost = now;
            lastCpu = cpu;
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

    double maxCpuMs() { return maxCpu; }

    /** Mean FX-thread CPU per pulse interval (ms). */
    double meanCpuMs() { return pulses > 1 ? sumCpu / (pulses - 1) : Double.NaN; }

    String summary() {
        return String.format(Locale.ROOT, "pulses=%d; FX-thread CPU per pulse: max %.1f ms, mean %.2f ms; max wall layout phase=%.1f ms; "
                + "max wall gap between pulses=%.1f ms; CPU>50ms (ms@pulse):%s%n", pulses, maxCpu, meanCpuMs(), maxLayout, maxGap, slow);
    }
}
