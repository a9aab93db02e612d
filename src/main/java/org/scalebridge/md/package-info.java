/**
 * Molecular dynamics in metal units (Å, ps, amu, eV, K, bar).
 *
 * <ul>
 *   <li>{@link org.scalebridge.md.MdSystem}: state (structure, potential, forces, step, frozen atoms, degrees of
 *       freedom N_f = 3N_mobile − 3 when momentum is conserved), kinetic energy, temperature, pressure tensor
 *       P = (Σ m v⊗v + W)/V.</li>
 *   <li>Integrators: {@link org.scalebridge.md.VelocityVerlet} (NVE), {@link org.scalebridge.md.LangevinBaoab},
 *       {@link org.scalebridge.md.NoseHooverNvt} (chains), {@link org.scalebridge.md.NptMtk} (MTK barostat, iso,
 *       aniso, tri; equations of motion and conserved quantity in its Javadoc),
 *       {@link org.scalebridge.md.StochasticCellRescaling} (Bernetti–Bussi / Berendsen, equilibration).</li>
 *   <li>{@link org.scalebridge.md.MdRun}: thermo CSV and listeners, extxyz / LAMMPS-dump trajectories,
 *       atomic versioned {@link org.scalebridge.md.Checkpoint}s with bit-identical resume, clean stop on
 *       divergence ({@link org.scalebridge.md.DivergenceGuard}) saving the last good state.</li>
 *   <li>{@link org.scalebridge.md.MdConfig}: the TOML run configuration of {@code scalebridge md}.</li>
 * </ul>
 *
 * <p>Validation against LAMMPS reduced-unit (LJ) runs maps ε = 1 eV, σ = 1 Å, m = 1/MVV2E amu, so τ = 1 ps and
 * T = T* / k_B; see the tests.
 */
package org.scalebridge.md;
