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


# 6. OUTCAR in VASP 5.4's layout (synthetic: no VASP here), 3 ionic steps, triclinic cell changing, read by ASE
def outcar():
    syms = ['Na', 'Na', 'Cl', 'Cl']
    out = [' vasp.5.4.4.18Apr17-6-g9f103f2a35 (build Jan 01 2020 00:00:00) complex',
           ' executed on             LinuxIFC date 2026.11.22  04:00:00',
           ' running on    1 total cores',
           ' POTCAR:    PAW_PBE Na_pv 19Sep2006',
           ' POTCAR:    PAW_PBE Cl 06Sep2000',
           '   VRHFIN =Na: 2p3s',
           '   TITEL  = PAW_PBE Na_pv 19Sep2006',
           '   VRHFIN =Cl: s p',
           '   TITEL  = PAW_PBE Cl 06Sep2000',
           ' POTCAR:    PAW_PBE Na_pv 19Sep2006',
           ' POTCAR:    PAW_PBE Cl 06Sep2000',
           '   ISPIN  =      1    spin polarized calculation?',
           ' Dimension of arrays:',
           '   k-points           NKPTS =      1   k-points in BZ     NKDIM =      1   number of bands    NBANDS=     16',
           '   number of dos      NEDOS =    301   number of ions     NIONS =      4',
           '   ions per type =               2   2',
           '',
           ' k-points in reciprocal lattice and weights: KPOINTS created by Atomic Simulation Environment',
           '   0.00000000  0.00000000  0.00000000       1.000',
           '']
    cell = tric_cell()
    out.append(' direct lattice vectors                 reciprocal lattice vectors')
    rec = np.linalg.inv(cell).T
    for r in range(3):
        out.append('   %12.9f%13.9f%13.9f   %13.9f%13.9f%13.9f' % (*cell[r], *rec[r]))
    out.append('')
    for step in range(3):
        cell = cell * (1 + 0.002 * step)
        rec = np.linalg.inv(cell).T
        out.append('--------------------------------------- Iteration %6d(   1)  ---------------------------------------' % (step + 1))
        out.append('')
        out.append('  FORCE on cell =-STRESS in cart. coord.  units (eV):')
        out.append('  Direction    XX          YY          ZZ          XY          YZ          ZX')
        out.append('  --------------------------------------------------------------------------------------')
        kb = rng.normal(0, 20, 6)
        out.append('  Total   ' + ''.join('%12.5f' % v for v in kb * 0.1))
        out.append('  in kB   ' + ''.join('%12.5f' % v for v in kb))
        out.append('  external pressure =   %10.2f kB  Pullay stress =        0.00 kB' % (kb[:3].mean()))
        out.append('')
        out.append(' VOLUME and BASIS-vectors are now :')
        out.append(' -----------------------------------------------------------------------------')
        out.append('  energy-cutoff  :      500.00')
        out.append('  volume of cell :   %10.2f' % abs(np.linalg.det(cell)))
        out.append('      direct lattice vectors                 reciprocal lattice vectors')
        for r in range(3):
            out.append('   %12.9f%13.9f%13.9f   %13.9f%13.9f%13.9f' % (*cell[r], *rec[r]))
        out.append('')
        out.append(' POSITION                                       TOTAL-FORCE (eV/Angst)')
        out.append(' -----------------------------------------------------------------------------------')
        pos = rng.uniform(0, 1, (4, 3)) @ cell
        frc = rng.normal(0, 0.5, (4, 3))
        frc -= frc.mean(axis=0)
        for i in range(4):
            out.append('  %12.5f %12.5f %12.5f   %13.6f %13.6f %13.6f' % (*pos[i], *frc[i]))
        out.append(' -----------------------------------------------------------------------------------')
        out.append('    total drift:                                0.000000      0.000000      0.000000')
        out.append('')
        out.append('')
        out.append('--------------------------------------------------------------------------------------------------------')
        out.append('')
        out.append('')
        e0 = rng.uniform(-30, -20)
        efree = e0 - 0.001 * (step + 1)
        out.append('  FREE ENERGIE OF THE ION-ELECTRON SYSTEM (eV)')
        out.append('  ---------------------------------------------------')
        out.append('  free  energy   TOTEN  =     %14.8f eV' % efree)
        out.append('')
        out.append('  energy  without entropy=    %14.8f  energy(sigma->0) =    %14.8f' % (e0 - 0.0005, e0))
        out.append('')
        out.append('')
    out.append(' General timing and accounting informations for this job:')
    with open('OUTCAR_tric', 'w') as fh:
        fh.write('\n'.join(out) + '\n')


outcar()
dump('OUTCAR_tric', 'outcar', read('OUTCAR_tric', index=':', format='vasp-out'))


# 7. vasprun.xml (synthetic, VASP 5.4 layout): 3 ionic steps with electronic steps, triclinic cell
def vasprun():
    syms = ['Mn', 'Fe', 'C', 'N', 'Na']
    L = ['<?xml version="1.0" encoding="ISO-8859-1"?>', '<modeling>', ' <generator>',
         '  <i name="program" type="string">vasp </i>',
         '  <i name="version" type="string">5.4.4.18Apr17-6-g9f103f2a35  </i>', ' </generator>',
         ' <incar>', '  <i type="string" name="PREC">accurate</i>', '  <i name="IBRION">      2</i>', ' </incar>',
         ' <atominfo>', '  <atoms>       %d </atoms>' % len(syms), '  <types>       %d </types>' % len(syms),
         '  <array name="atoms" >', '   <dimension dim="1">ion</dimension>',
         '   <field type="string">element</field>', '   <field type="int">atomtype</field>', '   <set>']
    for k, s in enumerate(syms):
        L.append('    <rc><c>%-2s</c><c>   %d</c></rc>' % (s, k + 1))
    L += ['   </set>', '  </array>', ' </atominfo>']
    L += [' <kpoints>', '  <varray name="kpointlist" >', '   <v>       0.00000000       0.00000000       0.00000000 </v>',
          '  </varray>', '  <varray name="weights" >', '   <v>       1.00000000 </v>', '  </varray>', ' </kpoints>']

    def struct(name, cell, frac):
        out = [' <structure%s>' % (' name="%s" ' % name if name else ''), '  <crystal>', '   <varray name="basis" >']
        out += ['    <v> %16.8f %16.8f %16.8f </v>' % tuple(r) for r in cell]
        out += ['   </varray>', '   <i name="volume">    %16.8f </i>' % abs(np.linalg.det(cell)),
                '   <varray name="rec_basis" >']
        out += ['    <v> %16.8f %16.8f %16.8f </v>' % tuple(r) for r in np.linalg.inv(cell).T]
        out += ['   </varray>', '  </crystal>', '  <varray name="positions" >']
        out += ['   <v> %16.8f %16.8f %16.8f </v>' % tuple(p) for p in frac]
        out += ['  </varray>', ' </structure>']
        return out

    cell = tric_cell()
    frac = rng.uniform(0, 1, (len(syms), 3))
    L += struct('initialpos', cell, frac)
    for step in range(3):
        cell = cell * (1 - 0.003 * step)
        frac = frac + rng.normal(0, 0.01, frac.shape)
        L.append(' <calculation>')
        e = rng.uniform(-50, -40)
        for sc in range(2):
            de = 0.01 / (sc + 1)
            L += ['  <scstep>', '   <energy>',
                  '    <i name="e_fr_energy">   %16.8f </i>' % (e + de - 0.002),
                  '    <i name="e_wo_entrp">   %16.8f </i>' % (e + de - 0.001),
                  '    <i name="e_0_energy">   %16.8f </i>' % (e + de - 0.0015), '   </energy>', '  </scstep>']
        L += ['  ' + x for x in struct(None, cell, frac)]
        f = rng.normal(0, 0.3, (len(syms), 3))
        L += ['  <varray name="forces" >'] + ['   <v> %16.8f %16.8f %16.8f </v>' % tuple(r) for r in f] + ['  </varray>']
        st = rng.normal(0, 10, (3, 3))
        st = 0.5 * (st + st.T)
        L += ['  <varray name="stress" >'] + ['   <v> %16.8f %16.8f %16.8f </v>' % tuple(r) for r in st] + ['  </varray>']
        # the step-level e_0_energy deliberately differs (VASP bug that ASE works around with the last scstep)
        L += ['  <energy>', '   <i name="e_fr_energy">   %16.8f </i>' % (e + 0.005 - 0.002),
              '   <i name="e_wo_entrp">   %16.8f </i>' % (e + 0.005 - 0.001),
              '   <i name="e_0_energy">   %16.8f </i>' % (e + 0.5), '  </energy>', ' </calculation>']
    L += struct('finalpos', cell, frac)
    L.append('</modeling>')
    with open('vasprun.xml', 'w') as fh:
        fh.write('\n'.join(L) + '\n')


vasprun()
dump('vasprun.xml', 'vasprun', read('vasprun.xml', index=':', format='vasp-xml'))


# 8. CIF with symmetry operations (generated from ASE's space-group tables), read back by ASE
from fractions import Fraction
from ase.spacegroup import Spacegroup


def op_to_xyz(rot, trans):
    parts = []
    for r in range(3):
        s = ''
        for c, v in zip('xyz', rot[r]):
            if v == 1:
                s += '+' + c
            elif v == -1:
                s += '-' + c
        t = Fraction(trans[r]).limit_denominator(12)
        if t != 0:
            s += ('+' if t > 0 else '-') + str(abs(t))
        parts.append(s.lstrip('+'))
    return ', '.join(parts)


def write_cif(name, no, cellpar, sites, tag='_space_group_symop_operation_xyz', hm=None):
    sg = Spacegroup(no)
    with open(name, 'w') as fh:
        fh.write('# generated by make_fixtures.py from ASE space group %d\n' % no)
        fh.write('data_%s\n' % name.replace('.cif', ''))
        for k, v in zip(['a', 'b', 'c'], cellpar[:3]):
            fh.write('_cell_length_%s %s\n' % (k, v))
        for k, v in zip(['alpha', 'beta', 'gamma'], cellpar[3:]):
            fh.write('_cell_angle_%s %s\n' % (k, v))
        fh.write("_symmetry_space_group_name_H-M '%s'\n" % (hm or sg.symbol))
        fh.write('_symmetry_Int_Tables_number %d\n\nloop_\n%s\n' % (no, tag))
        for rot, trans in sg.get_symop():
            fh.write("'%s'\n" % op_to_xyz(rot, trans))
        fh.write('\nloop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n'
                 '_atom_site_fract_z\n_atom_site_occupancy\n')
        for s in sites:
            fh.write('%s %s %s %s %s %s\n' % s)


def dump_cif(name):
    atoms = read(name, format='cif')
    dump(name, 'cif', [atoms])
    with open(name + '.json') as fh:
        d = json.load(fh)
    occ = atoms.info.get('occupancy')
    if occ is not None:
        # ASE 3.22 keys this dict by its own site numbering, not by atom: kept raw, for reference only
        d['frames'][0]['occupancy_raw'] = {str(k): v for k, v in occ.items()}
    with open(name + '.json', 'w') as fh:
        json.dump(d, fh, indent=1)


write_cif('nacl_fm3m.cif', 225, [5.6402, 5.6402, 5.6402, 90, 90, 90],
          [('Na1', 'Na', '0.0', '0.0', '0.0', '1.0'), ('Cl1', 'Cl', '0.5', '0.5', '0.5', '1.0')])
dump_cif('nacl_fm3m.cif')
write_cif('mono_p21c.cif', 14, ['7.1234(5)', '9.87', '11.02', '90', '104.7(1)', '90'],
          [('Fe1', 'Fe2+', '0.0', '0.0', '0.0', '1.0'), ('C1', 'C', '0.1234', '0.2345', '0.3456', '1.0'),
           ('N1', 'N', '0.4321', '0.0789', '0.6543', '1.0')], tag='_symmetry_equiv_pos_as_xyz', hm='P 1 21/c 1')
dump_cif('mono_p21c.cif')
write_cif('hex_p63mmc.cif', 194, ['3.21', '3.21', '5.21', '90', '90', '120'],
          [('Mg1', 'Mg', '0.333333', '0.666667', '0.25', '1.0')])
dump_cif('hex_p63mmc.cif')
write_cif('mixed_pm3m.cif', 221, ['4.1', '4.1', '4.1', '90', '90', '90'],
          [('Na1', 'Na', '0.5', '0.5', '0.5', '0.6'), ('K1', 'K', '0.5', '0.5', '0.5', '0.4'),
           ('Mn1', 'Mn', '0', '0', '0', '1'), ('O1', 'O', '0.5', '0', '0', '1')])
dump_cif('mixed_pm3m.cif')
