#!/usr/bin/python3
"""Generates the ASE cross-check fixtures for org.scalebridge.io (run once; outputs are committed).

Usage: cd src/test/resources/io/ase && /usr/bin/python3 make_fixtures.py (Debian python3-ase)
Needs python3-ase (tested with ASE 3.22.1, numpy). Every fixture file is written here together with
<fixture>.json holding what ASE reads from it (cell, pbc, atomic numbers, positions, energy, forces,
stress as a full 3x3 in eV/A^3 tensile-positive, charges). The Java tests compare against the JSON to 1e-8,
so they never need ASE at run time. Random numbers: numpy default_rng(20261122).
"""
import json
import numpy as np
import ase
from ase import Atoms
from ase.io import read, write
from ase.calculators.singlepoint import SinglePointCalculator
from ase.constraints import FixAtoms

rng = np.random.default_rng(20261122)


def tric_cell():
    return np.array([[9.1, 0.0, 0.0], [1.7, 8.4, 0.0], [-1.2, 2.1, 10.3]]) + rng.uniform(-0.05, 0.05, (3, 3))


def general_cell():
    # not lower triangular: a has y/z components (tests the rotation into LAMMPS' frame)
    return np.array([[7.9, 0.9, -0.4], [0.6, 8.8, 0.7], [-0.9, 0.5, 9.6]])


def structure(symbols, cell, with_results=True, charges=False):
    n = len(symbols)
    a = Atoms(symbols=symbols, cell=cell, pbc=True)
    a.set_scaled_positions(rng.uniform(0, 1, (n, 3)))
    if charges:
        a.set_initial_charges(rng.uniform(-1, 1, n))
    if with_results:
        e = float(rng.uniform(-200, -100))
        f = rng.normal(0, 1, (n, 3))
        s = rng.normal(0, 0.01, 6)
        a.calc = SinglePointCalculator(a, energy=e, forces=f, stress=s)
    return a


def dump(name, fmt, images):
    frames = []
    for a in images:
        d = {
            'cell': a.cell.array.reshape(9).tolist(),
            'pbc': [bool(x) for x in a.pbc],
            'numbers': a.numbers.tolist(),
            'positions': a.positions.reshape(-1).tolist(),
        }
        if a.calc is not None:
            r = a.calc.results
            if 'energy' in r and fmt != 'lammps-dump':  # ASE's dump reader puts a placeholder energy=0
                d['energy'] = float(a.get_potential_energy())
            if 'free_energy' in r:
                d['free_energy'] = float(r['free_energy'])
            if 'forces' in r:
                d['forces'] = a.get_forces().reshape(-1).tolist()
            if 'stress' in r:
                d['stress'] = a.get_stress(voigt=False).reshape(9).tolist()
        if a.has('initial_charges') and np.any(a.get_initial_charges() != 0):
            d['charges'] = a.get_initial_charges().tolist()
        frames.append(d)
    with open(name + '.json', 'w') as fh:
        json.dump({'file': name, 'format': fmt, 'ase': ase.__version__, 'frames': frames}, fh, indent=1)


# 1. extended XYZ: 3 frames, triclinic, energy/forces/stress/charges, free keys
frames = []
for k in range(3):
    a = structure(['Na'] * 4 + ['Mn', 'Fe'] + ['C'] * 3 + ['N'] * 3, tric_cell(), charges=True)
    a.info['step'] = k
    a.info['label'] = 'frame %d of 3' % k
    frames.append(a)
write('tric.extxyz', frames, format='extxyz')
dump('tric.extxyz', 'extxyz', read('tric.extxyz', index=':'))

# 2. POSCAR (VASP 5, direct, selective dynamics) and a Cartesian one
a = structure(['Na', 'Na', 'Mn', 'Fe', 'C', 'N'], tric_cell(), with_results=False)
a.set_constraint(FixAtoms(indices=[0, 3]))
write('POSCAR_tric', a, format='vasp', direct=True, vasp5=True)
dump('POSCAR_tric', 'poscar', [read('POSCAR_tric', format='vasp')])
b = structure(['O', 'Ti', 'Ti', 'O', 'O', 'O'], general_cell(), with_results=False)
write('POSCAR_cart', b, format='vasp', direct=False, vasp5=True)
dump('POSCAR_cart', 'poscar', [read('POSCAR_cart', format='vasp')])

# 3. XDATCAR, fixed cell (ASE writer) and variable cell (headers repeated, as VASP writes for ISIF=3)
base = structure(['Na', 'Na', 'Cl', 'Cl'], tric_cell(), with_results=False)
traj = []
for k in range(4):
    c = base.copy()
    c.positions += rng.normal(0, 0.05, c.positions.shape)
    traj.append(c)
write('XDATCAR_fixed', traj, format='vasp-xdatcar')
dump('XDATCAR_fixed', 'xdatcar', read('XDATCAR_fixed', index=':', format='vasp-xdatcar'))
with open('XDATCAR_variable', 'w') as fh:
    for k, c in enumerate(traj):
        cc = c.cell.array * (1 + 0.01 * k)
        fh.write('NaCl variable cell\n           1\n')
        for row in cc:
            fh.write('    %12.6f%12.6f%12.6f\n' % tuple(row))
        fh.write('   Na   Cl\n     2     2\n')
        fh.write('Direct configuration=%6d\n' % (k + 1))
        for p in c.get_scaled_positions(wrap=False):
            fh.write('  %.8f  %.8f  %.8f\n' % tuple(p))
dump('XDATCAR_variable', 'xdatcar', read('XDATCAR_variable', index=':', format='vasp-xdatcar'))

# 4. LAMMPS data written by ASE (charge style, general cell rotated by ASE into LAMMPS' frame)
d = structure(['Na', 'Cl', 'Na', 'Cl', 'Na', 'Cl'], general_cell(), with_results=False, charges=True)
dump('ase_charge.source', 'source', [d])  # the structure before ASE rotated it (checks our writer's rotation)
write('ase_charge.data', d, format='lammps-data', atom_style='charge', specorder=['Na', 'Cl'], units='metal')
dump('ase_charge.data', 'lammps-data',
     [read('ase_charge.data', format='lammps-data', style='charge', Z_of_type={1: 11, 2: 17}, units='metal')])
d2 = structure(['Ar'] * 5, tric_cell(), with_results=False)
write('ase_atomic.data', d2, format='lammps-data', atom_style='atomic', units='metal')
dump('ase_atomic.data', 'lammps-data',
     [read('ase_atomic.data', format='lammps-data', style='atomic', Z_of_type={1: 18}, units='metal')])

# 5. LAMMPS dump (custom, triclinic, scaled coordinates, shuffled ids, two snapshots) read by ASE
#    (no q column: ASE 3.22's dump reader fails on it)
with open('tric.lammpstrj', 'w') as fh:
    for step in (0, 50):
        s = structure(['Na', 'Cl', 'Na', 'Cl', 'Na'], tric_cell(), with_results=False)
        h = s.cell.array
        lx, ly, lz = h[0, 0], h[1, 1], h[2, 2]
        xy, xz, yz = h[1, 0], h[2, 0], h[2, 1]
        # LAMMPS' box is lower triangular: keep lx, ly, lz and the tilts of tric_cell()
        h = np.array([[lx, 0, 0], [xy, ly, 0], [xz, yz, lz]])
        xlo, ylo, zlo = -0.5, 0.25, 1.0
        fh.write('ITEM: TIMESTEP\n%d\nITEM: NUMBER OF ATOMS\n%d\n' % (step, len(s)))
        fh.write('ITEM: BOX BOUNDS xy xz yz pp pp pp\n')
        fh.write('%.16e %.16e %.16e\n' % (xlo + min(0, xy, xz, xy + xz), xlo + lx + max(0, xy, xz, xy + xz), xy))
        fh.write('%.16e %.16e %.16e\n' % (ylo + min(0, yz), ylo + ly + max(0, yz), xz))
        fh.write('%.16e %.16e %.16e\n' % (zlo, zlo + lz, yz))
        fh.write('ITEM: ATOMS id type xs ys zs fx fy fz c_pe\n')
        frac = rng.uniform(0, 1, (len(s), 3))
        f = rng.normal(0, 1, (len(s), 3))
        q = rng.uniform(-1, 1, len(s))
        types = [1, 2, 1, 2, 1]
        for i in rng.permutation(len(s)):
            fh.write('%d %d %.16e %.16e %.16e %.16e %.16e %.16e %.16e\n'
                     % (i + 1, types[i], *frac[i], *f[i], q[i]))
dump('tric.lammpstrj', 'lammps-dump',
     read('tric.lammpstrj', index=':', format='lammps-dump-text', specorder=['Na', 'Cl']))
