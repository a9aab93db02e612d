#!/usr/bin/python3
"""Manual reverse check (not part of the test suite): ASE 3.22.1 reads the files OUR writers produce.

    mvn -q -o compile && jshell --class-path target/classes src/test/resources/io/ase/reverse/write_ours.jsh
    /usr/bin/python3 src/test/resources/io/ase/reverse/check_with_ase.py

Measured 2026-11-22: extxyz max |diff| 3.5e-18; LAMMPS dump (lattice parameters, distances, |f|) 1.4e-14;
POSCAR 1.8e-15 (FixAtoms [0, 3] kept); LAMMPS data (lattice parameters) 1.4e-14, distances 2.7e-15; P1 CIF cell 0.
The q column is stripped from the dump first: ASE 3.22's dump reader fails on it (shape bug).
"""
import os
OUT = os.path.join('/tmp', 'io_out')
import json, numpy as np
from ase.io import read

lines = open(OUT + '/ours.lammpstrj').read().split('\n')
out = []
qi = None
for l in lines:
    if l.startswith('ITEM: ATOMS'):
        cols = l.split()[2:]
        qi = cols.index('q')
        out.append('ITEM: ATOMS ' + ' '.join(c for c in cols if c != 'q'))
        continue
    if qi is not None and l and not l.startswith('ITEM') and len(l.split()) == len(cols):
        t = l.split()
        del t[qi]
        out.append(' '.join(t))
        continue
    if l.startswith('ITEM'):
        qi = None
    out.append(l)
open(OUT + '/ours_noq.lammpstrj', 'w').write('\n'.join(out))
R=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..') + '/'
ref=json.load(open(R+'tric.extxyz.json'))['frames']
a=read(OUT + '/ours.extxyz', index=':')
err=0
for f,at in zip(ref,a):
    err=max(err, abs(np.array(f['cell'])-at.cell.array.reshape(9)).max(), abs(np.array(f['positions'])-at.positions.reshape(-1)).max(),
        abs(f['energy']-at.get_potential_energy()), abs(np.array(f['forces'])-at.get_forces().reshape(-1)).max(),
        abs(np.array(f['stress'])-at.get_stress(voigt=False).reshape(9)).max(), abs(np.array(f['charges'])-at.get_initial_charges()).max())
print('extxyz ours->ASE max abs diff', err, len(a))
d=read(OUT + '/ours_noq.lammpstrj', index=':', format='lammps-dump-text')
err=0
for f,at in zip(ref,d):
    from ase.geometry import cell_to_cellpar
    c0=cell_to_cellpar(np.array(f['cell']).reshape(3,3)); c1=cell_to_cellpar(at.cell.array)
    err=max(err, abs(c0-c1).max())
    p=at.positions; q=np.array(f['positions']).reshape(-1,3)
    d0=np.linalg.norm(q[0]-q[1:],axis=1); d1=np.linalg.norm(p[0]-p[1:],axis=1)
    err=max(err, abs(d0-d1).max(), abs(np.linalg.norm(np.array(f['forces']).reshape(-1,3),axis=1)-np.linalg.norm(at.get_forces(),axis=1)).max())
print('dump ours->ASE (cellpar, distances, |f|) max diff', err, len(d), d[0].get_chemical_formula())
p=read(OUT + '/POSCAR_ours'); f=json.load(open(R+'POSCAR_tric.json'))['frames'][0]
print('POSCAR ours->ASE', abs(np.array(f['cell'])-p.cell.array.reshape(9)).max(), abs(np.array(f['positions'])-p.positions.reshape(-1)).max(), p.constraints)
m=read(OUT + '/ours.data', format='lammps-data', style='charge', Z_of_type={1:6,2:7,3:11,4:25,5:26}, units='metal'); f=ref[0]
c0=cell_to_cellpar(np.array(f['cell']).reshape(3,3)); c1=cell_to_cellpar(m.cell.array)
q=np.array(f['positions']).reshape(-1,3)
print('data ours->ASE cellpar', abs(c0-c1).max(), 'dist', abs(np.linalg.norm(q[0]-q[1:],axis=1)-np.linalg.norm(m.positions[0]-m.positions[1:],axis=1)).max(), 'charges', abs(np.array(f['charges'])-m.get_initial_charges()).max(), m.get_chemical_formula())
c=read(OUT + '/ours.cif'); f=json.load(open(R+'mono_p21c.cif.json'))['frames'][0]
print('cif ours->ASE', len(c), abs(np.array(f['cell'])-c.cell.array.reshape(9)).max(), c.get_chemical_formula())
