package org.scalebridge.md;

import org.scalebridge.core.Units;

/**
 * One thermodynamic sample of an MD run (metal units). Pressure tensor components are in bar, positive =
 * compressive, and include the kinetic term (as LAMMPS' {@code press}).
 *
 * @param step         step number
 * @param time         time (ps)
 * @param temperature  kinetic temperature (K)
 * @param potential    potential energy (eV)
 * @param kinetic      kinetic energy (eV)
 * @param conserved    conserved quantity of the integrator (eV): PE + KE + extended energy
 * @param pressure     scalar pressure (bar)
 * @param pressureTensor row-major 3×3 pressure tensor (bar)
 * @param volume       cell volume (Å³)
 * @param cell         row-major cell matrix (Å), rows = lattice vectors
 * @param atoms        number of atoms
 */
public record Thermo(long step, double time, double temperature, double potential, double kinetic, double conserved,
                     double pressure, double[] pressureTensor, double volume, double[] cell, int atoms) {

    /** Samples the current state of a system. */
    public static Thermo of(MdSystem sys, Integrator integrator) {
        double[] p = new double[9];
        sys.pressureTensor(p);
        for (int k = 0; k < 9; k++) p[k] = Units.evPerA3ToBar(p[k]);
        double pe = sys.potentialEnergy(), ke = sys.kineticEnergy();
        return new Thermo(sys.step(), sys.time(), sys.temperature(), pe, ke,
                pe + ke + integrator.extendedEnergy(sys), (p[0] + p[4] + p[8]) / 3, p,
                sys.structure().cell().volume(), sys.structure().cell().matrix(), sys.structure().size());
    }

    /** Total energy PE + KE (eV). */
    public double total() { return potential + kinetic; }

    /** CSV header matching {@link #csvLine()}. */
    public static String csvHeader() {
        return "step,time_ps,temp_K,pe_eV,ke_eV,etotal_eV,conserved_eV,press_bar,pxx_bar,pyy_bar,pzz_bar,pxy_bar,pxz_bar,pyz_bar,"
                + "volume_A3,ax,ay,az,bx,by,bz,cx,cy,cz";
    }

    /** One CSV line (full double precision). */
    public String csvLine() {
        StringBuilder sb = new StringBuilder(320);
        sb.append(step).append(',').append(time).append(',').append(temperature).append(',').append(potential)
                .append(',').append(kinetic).append(',').append(total()).append(',').append(conserved).append(',')
                .append(pressure);
        double[] p = pressureTensor;
        sb.append(',').append(p[0]).append(',').append(p[4]).append(',').append(p[8]).append(',').append(p[1])
                .append(',').append(p[2]).append(',').append(p[5]).append(',').append(volume);
        for (double c : cell) sb.append(',').append(c);
        return sb.toString();
    }
}
