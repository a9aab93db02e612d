/**
 * Structure and trajectory files. One small API for every format:
 * <ul>
 *   <li>{@link org.scalebridge.io.Formats#read(java.nio.file.Path)} — all frames (format detected from the name and
 *       the content; {@code .gz} files are read through gunzip); {@link org.scalebridge.io.Formats#readFirst};</li>
 *   <li>{@link org.scalebridge.io.Formats#openTrajectory(java.nio.file.Path)} — a streaming
 *       {@link org.scalebridge.io.TrajectoryReader}: {@code next()} returns one frame at a time and null at the end,
 *       so files larger than memory are fine;</li>
 *   <li>{@link org.scalebridge.io.Formats#write(java.nio.file.Path, java.util.List)} and
 *       {@link org.scalebridge.io.Formats#openWriter(java.nio.file.Path)} (frame by frame) — format from the file
 *       name, always through a temporary file and one atomic rename;</li>
 *   <li>{@link org.scalebridge.io.IoOptions} — what a file may not say: LAMMPS type → element map, atom style,
 *       species order.</li>
 * </ul>
 * Formats: extended XYZ ({@link org.scalebridge.io.ExtXyzFormat}), LAMMPS dump and data
 * ({@link org.scalebridge.io.LammpsDumpFormat}, {@link org.scalebridge.io.LammpsDataFormat},
 * {@link org.scalebridge.io.LammpsBox} for the lower-triangular frame), VASP POSCAR/CONTCAR, XDATCAR, OUTCAR,
 * vasprun.xml, CIF. New formats implement {@link org.scalebridge.io.StructureFormat} and call
 * {@link org.scalebridge.io.Formats#register}.
 *
 * <p>Bad input: every reader reports through {@link org.scalebridge.core.InputException} with the file, the line and
 * what was expected there; a truncated or damaged frame is an error, never a silently shorter result.
 */
package org.scalebridge.io;
