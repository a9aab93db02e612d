/**
 * Reference calculators for training data: one interface ({@link org.scalebridge.learn.reference.ReferenceCalculator}),
 * asynchronous jobs with one folder each ({@link org.scalebridge.learn.reference.ReferenceJobs}: input, settings,
 * log, atomically written status and result), built-in calculators on engine potentials and the MnFePBA surrogate
 * ({@link org.scalebridge.learn.reference.PotentialCalculator}), adapters to external codes run as argument arrays
 * with timeout and cancellation (CP2K, Quantum ESPRESSO pw.x, VASP, LAMMPS), and the screening of results before
 * training ({@link org.scalebridge.learn.reference.Screening}).
 */
package org.scalebridge.learn.reference;
