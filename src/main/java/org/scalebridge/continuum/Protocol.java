package org.scalebridge.continuum;

import org.scalebridge.core.InputException;

import java.util.ArrayList;
import java.util.List;

/**
 * An operating protocol: a sequence of steps (constant current at a C-rate or current density, constant voltage,
 * constant power, rest), each ending after its duration or at a cut-off event (voltage limits for current steps,
 * a current threshold for voltage steps). Currents are A/m², positive on discharge.
 */
public final class Protocol {
    /** Kind of step. */
    public enum Kind { CURRENT, VOLTAGE, POWER, REST }

    /** One step of a protocol. */
    public static final class Step {
        public final Kind kind;
        /** C-rate (CURRENT, if currentDensity is NaN), voltage [V], power [W/m²]. */
        public final double value;
        public final double currentDensity;
        public final double duration;
        public final double vMin, vMax, currentLimit;

        Step(Kind kind, double value, double currentDensity, double duration, double vMin, double vMax, double currentLimit) {
            this.kind = kind; this.value = value; this.currentDensity = currentDensity; this.duration = duration;
            this.vMin = vMin; this.vMax = vMax; this.currentLimit = currentLimit;
        }

        public String describe() {
            switch (kind) {
                case CURRENT: return Double.isNaN(currentDensity) ? String.format("CC %.3gC", value) : String.format("CC %.4g A/m2", currentDensity);
                case VOLTAGE: return String.format("CV %.4g V", value);
                case POWER: return String.format("CP %.4g W/m2", value);
                default: return "rest";
            }
        }
    }

    private final List<Step> steps = new ArrayList<>();

    public List<Step> steps() { return steps; }

    /** Constant current at a C-rate (positive = discharge, negative = charge) until duration or a voltage limit. */
    public Protocol constantCurrentC(double cRate, double duration, double vMin, double vMax) {
        check("duration", duration);
        steps.add(new Step(Kind.CURRENT, cRate, Double.NaN, duration, vMin, vMax, 0));
        return this;
    }

    /** Constant current density [A/m²]. */
    public Protocol constantCurrent(double amps, double duration, double vMin, double vMax) {
        check("duration", duration);
        steps.add(new Step(Kind.CURRENT, Double.NaN, amps, duration, vMin, vMax, 0));
        return this;
    }

    /** Constant voltage until duration or |I| below currentLimit [A/m²]. */
    public Protocol constantVoltage(double volts, double duration, double currentLimit) {
        check("duration", duration);
        steps.add(new Step(Kind.VOLTAGE, volts, Double.NaN, duration, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, currentLimit));
        return this;
    }

    /** Constant power density [W/m², discharge positive]. */
    public Protocol constantPower(double watts, double duration, double vMin, double vMax) {
        check("duration", duration);
        steps.add(new Step(Kind.POWER, watts, Double.NaN, duration, vMin, vMax, 0));
        return this;
    }

    public Protocol rest(double duration) {
        check("duration", duration);
        steps.add(new Step(Kind.REST, 0, Double.NaN, duration, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0));
        return this;
    }

    /** CC charge/discharge to a voltage, then CV at that voltage until the current falls below cutoffC × 1C. */
    public Protocol ccCv(double cRate, double voltage, double cutoffC, double maxDuration) {
        if (cRate < 0) constantCurrentC(cRate, maxDuration, Double.NEGATIVE_INFINITY, voltage);
        else constantCurrentC(cRate, maxDuration, voltage, Double.POSITIVE_INFINITY);
        steps.add(new Step(Kind.VOLTAGE, voltage, Double.NaN, maxDuration, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -Math.abs(cutoffC)));
        return this;
    }

    private static void check(String f, double d) {
        if (!(d > 0)) throw InputException.unphysical("protocol." + f, d, "a positive duration in s");
    }
}
