/**
 * Moment Tensor Potentials (Shapeev 2016; Gubaev et al. 2019; Novikov et al. 2021; Podryabinkin et al. 2023),
 * implemented from the published mathematics and MLIP's documented file formats.
 *
 * <ul>
 *   <li>{@link org.scalebridge.potential.mtp.MtpModel}, {@link org.scalebridge.potential.mtp.MtpFormat}: the model and
 *       the MLIP-2 .mtp / MLIP-3 .almtp text (byte-identical round trip).</li>
 *   <li>{@link org.scalebridge.potential.mtp.MtpPotential}: energy, forces, virial (reverse pass), threads, local
 *       changes for Monte Carlo.</li>
 *   <li>{@link org.scalebridge.potential.mtp.MtpBasisGenerator}: the basis of any level for any species count.</li>
 *   <li>{@link org.scalebridge.potential.mtp.MtpActiveSet}, {@link org.scalebridge.potential.mtp.MtpGrader}: MaxVol
 *       extrapolation grade (cfg and nbh modes), selection from a pool.</li>
 *   <li>{@link org.scalebridge.potential.mtp.MtpTrainer}, {@link org.scalebridge.potential.mtp.MtpErrorReport}:
 *       training and error reports; {@link org.scalebridge.potential.mtp.MtpLammpsExport}: LAMMPS export.</li>
 * </ul>
 */
package org.scalebridge.potential.mtp;
