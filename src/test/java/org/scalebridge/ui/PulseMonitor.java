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
    private static final java.lang.management.ClassLoadingMXBean CL = ManagementFactory.getClassLoadingMXBean();
    private long pre, lastPost, lastCpu, lastClasses, lastGcs;
    private double maxLayout, maxGap, maxCpu, sumCpu;
    private long pulses;
    private double[] cpus = new double[1024];
    private final StringBuilder slow = new StringBuilder();
    // a sampler of the FX thread's stack (every 2 ms), so that a slow pulse names the code that held the thread
    private volatile Thread fx;
    private volatile boolean sampling = true;
    private final long[] sampleTime = new long[4096];
    private final String[] sampleStack = new String[4096];
    private volatile int samples;
    private final Runnable preL = () -> pre = System.nanoTime();
    private final Runnable postL;

    PulseMonitor(Scene scene) {
        this.scene = scene;
        postL = () -> {
            long now = System.nanoTime(), cpu = MX.getCurrentThreadCpuTime();
            long classes = CL.getTotalLoadedClassCount(), gcs = gcCount();
            if (pre != 0) maxLayout = Math.max(maxLayout, (now - pre) * 1e-6);
            if (lastPost != 0) {
                maxGap = Math.max(maxGap, (now - lastPost) * 1e-6);
                double c = (cpu - lastCpu) * 1e-6;
                maxCpu = Math.max(maxCpu, c);
                sumCpu += c;
                if (pulses - 1 >= cpus.length) cpus = java.util.Arrays.copyOf(cpus, 2 * cpus.length);
                cpus[(int) (pulses - 1)] = c;
                // what else happened in a slow interval: classes loaded (cold code), GCs. (No per-pulse user/system
                // split: the JDK reads it from /proc on every call, which itself cost the FX thread, and Linux scales
                // the split over the thread's lifetime, so short deltas mean little.)
                if (c > 50) slow.append(String.format(Locale.ROOT, " %.0f@%d (JVM uptime %d ms; %d classes loaded, %d GCs)%s", c, pulses,
                        ManagementFactory.getRuntimeMXBean().getUptime(), classes - lastClasses, gcs - lastGcs, hotFrames(lastPost, now)));
            }
            lastPost = now;
            lastCpu = cpu;
            lastClasses = classes;
            lastGcs = gcs;
            pulses++;
        };
        javafx.application.Platform.runLater(() -> {
            fx = Thread.currentThread();
            Thread sampler = new Thread(this::sample, "pulse-monitor-sampler");
            sampler.setDaemon(true);
            sampler.start();
            scene.addPreLayoutPulseListener(preL);
            scene.addPostLayoutPulseListener(postL);
            // the first interval starts here, so that the pulse following an action started right after this
            // monitor (a tab switch) is measured too
            lastPost = System.nanoTime();
            lastCpu = MX.getCurrentThreadCpuTime();
            lastClasses = CL.getTotalLoadedClassCount();
            lastGcs = gcCount();
            pulses = 1;
        });
    }

    private static final java.util.List<java.lang.management.GarbageCollectorMXBean> GCS = ManagementFactory.getGarbageCollectorMXBeans();

    private static long gcCount() {
        long n = 0;
        for (var gc : GCS) n += Math.max(0, gc.getCollectionCount());
        return n;
    }

    private void sample() {
        while (sampling) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
            Thread t = fx;
            if (t == null) continue;
            StackTraceElement[] st = t.getStackTrace();
            StringBuilder b = new StringBuilder();
            int shown = 0;
            for (StackTraceElement e : st) {   // the innermost frames, then the innermost of our own code
                if (shown < 3 || (shown < 6 && e.getClassName().startsWith("org.scalebridge"))) {
                    b.append(shown == 0 ? "" : " < ").append(e.getClassName().replaceAll(".*\\.", "")).append('.').append(e.getMethodName());
                    shown++;
                }
            }
            int k = samples % sampleTime.length;
            sampleStack[k] = b.toString();
            sampleTime[k] = System.nanoTime();
            samples++;
        }
    }

    /** The most frequent FX-thread stacks sampled in (from, to]. */
    private String hotFrames(long from, long to) {
        java.util.Map<String, Integer> count = new java.util.HashMap<>();
        int n = samples;
        for (int i = Math.max(0, n - sampleTime.length); i < n; i++) {
            int k = i % sampleTime.length;
            if (sampleTime[k] > from && sampleTime[k] <= to && sampleStack[k] != null) count.merge(sampleStack[k], 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        count.entrySet().stream().sorted((a, c) -> c.getValue() - a.getValue()).limit(4)
                .forEach(e -> b.append("\n      ").append(e.getValue()).append("× ").append(e.getKey()));
        return b.length() == 0 ? "" : " [FX-thread samples:" + b + "]";
    }

    void stop(FxRobot robot) {
        sampling = false;
        robot.interact(() -> {
            scene.removePreLayoutPulseListener(preL);
            scene.removePostLayoutPulseListener(postL);
        });
    }

    double maxCpuMs() { return maxCpu; }

    /** Mean FX-thread CPU per pulse interval (ms). */
    double meanCpuMs() { return pulses > 1 ? sumCpu / (pulses - 1) : Double.NaN; }

    /** The q-quantile (0..1) of the FX-thread CPU per pulse interval (ms). */
    double quantileCpuMs(double q) {
        int n = (int) Math.max(0, pulses - 1);
        if (n == 0) return Double.NaN;
        double[] v = java.util.Arrays.copyOf(cpus, n);
        java.util.Arrays.sort(v);
        return v[Math.min(n - 1, (int) Math.ceil(q * n) - 1)];
    }

    String summary() {
        return String.format(Locale.ROOT, "pulses=%d; FX-thread CPU per pulse: max %.1f ms, p99 %.1f ms, mean %.2f ms; max wall layout phase=%.1f ms; "
                + "max wall gap between pulses=%.1f ms; CPU>50ms (ms@pulse):%s%n", pulses, maxCpu, quantileCpuMs(0.99), meanCpuMs(), maxLayout, maxGap, slow);
    }
}
