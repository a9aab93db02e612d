package org.scalebridge.md;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Structure;

/**
 * Each stop of the divergence guard provoked on a 108-atom LJ liquid (ε = 1 eV, σ = 1 Å; T* = 0.722 is 8,380 K, so
 * 4 k_B T = 2.9 eV/atom is the energy-jump limit here), with the message checked for what it must say, and the
 * thermostat target reaching the guard through {@link MdRun} without any set-up by the caller.
 */
class DivergenceGuardTest {
    static final double T = LjSystems.kelvin(0.722);

    static MdSystem liquid(long seed) {
        Structure s = LjSystems.fcc(3, 0.8);
        MdSystem sys = new MdSystem(s, new TestLj(1, 1, 2.5, 0.3, true), 0.005);
        Velocities.maxwellBoltzmann(sys, T, new Rng(seed));
        sys.computeForces();
        return sys;
    }

    @Test
    void energyJumpBetweenChecksStopsTheRunNamingTheJump() {
        MdSystem sys = liquid(1);
        DivergenceGuard g = new DivergenceGuard(0, 0, 1); // only the energy test (no distance floor, no T jump)
        g.setTargetTemperature(T);
        g.check(sys, true);
        // atom 7 moved to 0.75 σ of atom 0: E_pair = 4(0.75⁻¹² − 0.75⁻⁶) ≈ 114 eV, ≈ 1 eV/atom over 108 atoms,
        // below 4 k_B T (2.9 eV/atom) at this temperature: no stop
        Structure s = sys.structure();
        s.setPosition(7, s.x(0) + 0.75, s.y(0), s.z(0));
        sys.computeForces();
        double perAtom = (sys.potentialEnergy()) / s.size();
        assertDoesNotThrow(() -> g.check(sys, true), "jump below 4 k_B T");
        // 0.6 σ: E_pair ≈ 1,700 eV, ≈ 16 eV/atom ≫ 2.9 eV/atom
        s.setPosition(7, s.x(0) + 0.6, s.y(0), s.z(0));
        sys.computeForces();
        DivergenceException e = assertThrows(DivergenceException.class, () -> g.check(sys, true));
        assertTrue(e.getMessage().contains("potential energy jumped by +"), e.getMessage());
        assertTrue(e.getMessage().contains("eV/atom") && e.getMessage().contains("108 atoms"), e.getMessage());
        assertTrue(e.getMessage().contains("4 k_B T"), e.getMessage());
        assertTrue(perAtom < 10, "the first displacement was a sub-limit change: " + perAtom);
    }

    @Test
    void energyJumpHasAnAbsoluteFloorAtLowTemperature() {
        // a dilute LJ gas (18 atoms 3 σ apart, beyond the 2.5 σ cutoff): E = one pair energy E(d) of atoms 0 and 1,
        // so ΔE/N is set exactly by their distance
        Structure s = new Structure(new org.scalebridge.structure.Cell(new double[][] {{9, 0, 0}, {0, 9, 0}, {0, 0, 6}}));
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 2; k++) s.addAtom(18, 3.0 * i + 0.5, 3.0 * j + 0.5, 3.0 * k + 0.5);
        // atoms 0 (0.5, 0.5, 0.5) and 6 (3.5, 0.5, 0.5) are neighbours along x
        MdSystem sys = new MdSystem(s, new TestLj(1, 1, 2.5, 0.3, true), 0.005);
        s.ensureVelocities();
        sys.computeForces();
        // a cold reference (300 K: 4 k_B T = 0.10 eV): the floor 0.5 eV/atom applies; ΔE/N = 0.3 passes, 0.8 stops
        DivergenceGuard g = new DivergenceGuard(0, 0, 1, 0.5, 0.01);
        g.setReferenceTemperature(300);
        g.check(sys, true);
        double e0 = sys.potentialEnergy();
        double[] target = {0.3, 0.8};
        for (int c = 0; c < 2; c++) {
            double lo = 0.6, hi = 1.12;
            for (int it = 0; it < 60; it++) { // bisection on the pair distance: E falls with d below the minimum
                double mid = 0.5 * (lo + hi);
                s.setPosition(6, 0.5 + mid, 0.5, 0.5);
                sys.computeForces();
                if ((sys.potentialEnergy() - e0) / s.size() > target[c]) lo = mid; else hi = mid;
            }
            s.setPosition(6, 0.5 + lo, 0.5, 0.5);
            sys.computeForces();
            assertEquals(target[c], (sys.potentialEnergy() - e0) / s.size(), 1e-6);
            if (c == 1) {
                DivergenceException e = assertThrows(DivergenceException.class, () -> g.check(sys, true));
                assertTrue(e.getMessage().contains("jumped by +0.8") && e.getMessage().contains("max(0.500 eV"), e.getMessage());
            } else {
                assertDoesNotThrow(() -> g.check(sys, true));
                // back to the unstrained gas for the next jump, checked again (ΔE/N = −0.3 passes too)
                s.setPosition(6, 3.5, 0.5, 0.5);
                sys.computeForces();
                assertDoesNotThrow(() -> g.check(sys, true));
                e0 = sys.potentialEnergy();
            }
        }
    }

    @Test
    void thermostattedTemperatureCollapseStopsAtOnce() {
        MdSystem sys = liquid(3);
        DivergenceGuard g = new DivergenceGuard(0.5, 10, 1);
        g.setTargetTemperature(T);
        g.check(sys, true); // T ≈ target: the collapse test is armed
        double[] v = sys.structure().velocities();
        for (int k = 0; k < v.length; k++) v[k] *= 0.05; // T → 0.25 % of the target
        DivergenceException e = assertThrows(DivergenceException.class, () -> g.check(sys, true));
        assertTrue(e.getMessage().contains("thermostatted temperature collapsed to"), e.getMessage());
        assertTrue(e.getMessage().contains("outside its"), e.getMessage());
        assertTrue(!e.getMessage().contains("jumped"), "not reported as a jump: " + e.getMessage());
    }

    @Test
    void gradualCollapseUnderNoseHooverIsReportedAsACollapseNotAJump() {
        // the failure that motivated the test: kinetic energy drained check after check (here: velocities × 0.3 every 10
        // steps, T × 0.09), which the old guard followed down (its reference was the previous check) until a relative
        // "jump" between two near-zero temperatures; now the first check below 1 % of the target stops the run
        MdSystem sys = liquid(9);
        MdRun run = new MdRun(sys, new NoseHooverNvt(T, 0.5, 3)).guard(new DivergenceGuard(0.5, 10, 10));
        run.monitor(10, s -> {
            double[] v = s.structure().velocities();
            for (int k = 0; k < v.length; k++) v[k] *= 0.3;
        });
        DivergenceException e = assertThrows(DivergenceException.class, () -> run.runUntil(1000));
        assertTrue(e.getMessage().contains("thermostatted temperature collapsed to"), e.getMessage());
        // T ≈ 0.09 T₀ at step 10 and ≈ 0.008 T₀ at step 20 (NH reheats a little in between): stopped by step 30
        assertTrue(e.step() >= 20 && e.step() <= 30, "step " + e.step() + ": " + e.getMessage());
    }

    @Test
    void coldStartIsNotACollapse() {
        // a run that starts at 0 K (lattice, no velocities) is heated by the thermostat: the collapse test waits until
        // the run has reached half the target
        MdSystem sys = liquid(4);
        java.util.Arrays.fill(sys.structure().velocities(), 0.0);
        DivergenceGuard g = new DivergenceGuard(0.5, 10, 1);
        g.setTargetTemperature(T);
        assertDoesNotThrow(() -> g.check(sys, true));
        // and a system with fewer than 12 degrees of freedom is never tested (its T fluctuates to 0 canonically)
        Structure two = new Structure(new org.scalebridge.structure.Cell(new double[][] {{10, 0, 0}, {0, 10, 0}, {0, 0, 10}}));
        two.addAtom(18, 1, 1, 1);
        two.addAtom(18, 2.1, 1, 1);
        MdSystem s2 = new MdSystem(two, new TestLj(1, 1, 2.5, 0.3, true), 0.005);
        s2.structure().ensureVelocities();
        s2.structure().velocities()[0] = 1;
        s2.computeForces();
        DivergenceGuard g2 = new DivergenceGuard(0.5, 0, 1);
        g2.setTargetTemperature(1e-3);
        g2.check(s2, true);
        s2.structure().velocities()[0] = 0;
        assertDoesNotThrow(() -> g2.check(s2, true));
    }

    @Test
    void nonFiniteNumbersStopAtOnceNamingWhat() {
        MdSystem sys = liquid(5);
        DivergenceGuard g = DivergenceGuard.defaults();
        sys.structure().velocities()[3 * 11 + 1] = Double.NaN;
        DivergenceException e = assertThrows(DivergenceException.class, () -> g.check(sys, false)); // every step, not only full checks
        assertTrue(e.getMessage().contains("non-finite velocity of atom 11"), e.getMessage());
        assertEquals(11, e.atoms()[0]);
        MdSystem sys2 = liquid(5);
        sys2.structure().positions()[0] = Double.POSITIVE_INFINITY;
        DivergenceException e2 = assertThrows(DivergenceException.class, () -> g.check(sys2, false));
        assertTrue(e2.getMessage().contains("non-finite position of atom 0"), e2.getMessage());
    }

    @Test
    void mdRunGivesTheGuardTheThermostatTarget() {
        MdSystem sys = liquid(6);
        MdRun run = new MdRun(sys, new NoseHooverNvt(T, 0.5, 3));
        run.runUntil(200); // a normal thermostatted run: no false stop from the new tests (checks every 100 steps)
        assertEquals(T, run.guard().targetTemperature(), 0);
        MdRun nve = new MdRun(liquid(6), new VelocityVerlet());
        nve.runUntil(10);
        assertEquals(0, nve.guard().targetTemperature(), 0, "NVE has no thermostat target");
        // the temperature jump message compares with the target, not with a collapsed previous check
        MdSystem hot = liquid(7);
        MdRun r = new MdRun(hot, new LangevinBaoab(T, 0.5, new Rng(1))).guard(new DivergenceGuard(0, 10, 1, 0, 0));
        r.monitor(1, s -> {
            if (s.step() == 5) for (int k = 0; k < 3 * s.structure().size(); k++) s.structure().velocities()[k] *= 5; // T × 25
        });
        DivergenceException e = assertThrows(DivergenceException.class, () -> r.runUntil(20));
        // the reference is the target (or the last check near it), never a collapsed temperature
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("the reference ([0-9.e+]+) K").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        assertTrue(Double.parseDouble(m.group(1)) >= T * 0.999, e.getMessage());
        assertEquals(6, e.step());
    }

    @Test
    void monitorStopsTheRunAtItsStride() {
        MdSystem sys = liquid(8);
        long[] seen = new long[1];
        MdRun run = new MdRun(sys, new NoseHooverNvt(T, 0.5, 3)).monitor(25, s -> {
            seen[0] = s.step();
            assertTrue(s.energyValid(), "monitor steps compute the energy");
            if (s.step() == 75) throw new org.scalebridge.core.ScaleBridgeException("stop at 75");
        });
        assertThrows(org.scalebridge.core.ScaleBridgeException.class, () -> run.runUntil(200));
        assertEquals(75, seen[0]);
        assertEquals(75, sys.step());
    }
}
