/**
 * Continuum scale: the pseudo-2D Doyle–Fuller–Newman cell ({@link org.scalebridge.continuum.P2dModel}) with Fickian
 * ({@link org.scalebridge.continuum.FickianParticle}) or Cahn–Hilliard ({@link org.scalebridge.continuum.CahnHilliardParticle})
 * particles, integrated by the variable-step variable-order BDF of {@link org.scalebridge.continuum.BdfIntegrator}
 * (coloured finite-difference Jacobian, Schur elimination of particle blocks, consistent initialisation, event
 * location); phase-field parameters from thermodynamics in {@link org.scalebridge.continuum.PhaseField}; protocols,
 * parameter files ({@code resources/p2d/*.json}), TOML run files and outputs.
 */
package org.scalebridge.continuum;
