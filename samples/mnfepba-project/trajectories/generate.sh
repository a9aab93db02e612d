#!/usr/bin/env bash
# Regenerates the MSD/Arrhenius demonstration trajectories of the sample project with ScaleBridge's own MD engine
# (`scalebridge md`, NVT Nosé–Hoover): a Lennard-Jones Ar–Kr fluid (108 atoms, fcc start, ρ = 0.0181 Å⁻³) at two
# compositions (Kr fraction 0.25 and 0.50) and four temperatures (110, 140, 170, 200 K); 4 ps equilibration, then
# 20 ps production with a frame every 0.2 ps. Frames are thinned for the repository: positions rounded to 0.01 Å,
# velocities dropped (image flags kept, so unwrapping is exact). Run from anywhere:
#   samples/mnfepba-project/trajectories/generate.sh [path/to/scalebridge.jar]
# LJ parameters: Ar ε = 0.010323 eV, σ = 3.405 Å; Kr ε = 0.014 eV, σ = 3.65 Å; Lorentz–Berthelot cross terms.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${1:-$HERE/../../../target/scalebridge.jar}
[ -f "$JAR" ] || { echo "no $JAR: run 'mvn -B -DskipTests package' first" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
A=6.05   # fcc lattice constant (Å): 4 atoms per a³ → ρ = 0.0181 Å⁻³ (liquid argon near 120 K)
for KR in 0.25 0.50; do
  TAG=ArKr$(echo "$KR" | tr -d .)
  # fcc 3×3×3 start; atoms become Kr with probability KR (awk's seeded generator → reproducible)
  awk -v a=$A -v kr=$KR 'BEGIN { srand(7); n = 0
      split("0 0 0 0.5 0.5 0 0.5 0 0.5 0 0.5 0.5", b, " ");
      for (i = 0; i < 3; i++) for (j = 0; j < 3; j++) for (k = 0; k < 3; k++) for (s = 0; s < 4; s++) {
        x[n] = (i + b[3*s+1]) * a; y[n] = (j + b[3*s+2]) * a; z[n] = (k + b[3*s+3]) * a; n++ }
      L = 3 * a; print n; printf "Lattice=\"%g 0 0 0 %g 0 0 0 %g\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n", L, L, L
      for (m = 0; m < n; m++) printf "%s %.4f %.4f %.4f\n", (rand() < kr ? "Kr" : "Ar"), x[m], y[m], z[m] }' > "$WORK/start-$TAG.extxyz"
  for T in 110 140 170 200; do
    D="$WORK/$TAG-$T"; mkdir -p "$D"
    common() { cat <<TOML
[integrator]
ensemble = "nvt"
thermostat = "nose-hoover"
temperature_K = $T
tau_T_ps = 0.2
[potential]
style = "lj"
cutoff_A = 8.5
skin_A = 1.0
shift = true
pairs = [ { a = "Ar", b = "Ar", epsilon_eV = 0.010323, sigma_A = 3.405 },
          { a = "Kr", b = "Kr", epsilon_eV = 0.014, sigma_A = 3.65 },
          { a = "Ar", b = "Kr", epsilon_eV = 0.012022, sigma_A = 3.5275 } ]
TOML
    }
    { printf '[run]\nsteps = 1000\ndt_fs = 4.0\nseed = %d\ninitial_temperature_K = %d\n' $T $T; common
      printf '[output]\nthermo_every = 250\nthermo_csv = "equil.csv"\ntrajectory = []\n'; } > "$D/equil.toml"
    java -jar "$JAR" md "$WORK/start-$TAG.extxyz" "$D/equil.toml" > "$D/equil.log"
    mv "$D/final.extxyz" "$D/equilibrated.extxyz"
    { printf '[run]\nsteps = 5000\ndt_fs = 4.0\nseed = %d\ninitial_temperature_K = %d\n' $((T + 1)) $T; common
      printf '[output]\nthermo_every = 500\nthermo_csv = "prod.csv"\ntrajectory = ["traj.extxyz"]\ntrajectory_every = 50\n'; } > "$D/prod.toml"
    java -jar "$JAR" md "$D/equilibrated.extxyz" "$D/prod.toml" | tail -1
    # thin: species, positions (0.01 Å) and image flags; keep Lattice, time, step, temperature
    awk '/^[0-9]+$/ { print; getline; sub(/Properties=[^ ]*/, "Properties=species:S:1:pos:R:3:image:I:3"); print; next }
         { printf "%s %.2f %.2f %.2f %s %s %s\n", $1, $2, $3, $4, $5, $6, $7 }' "$D/traj.extxyz" > "$HERE/$TAG-${T}K.extxyz"
  done
done
ls -l "$HERE"/*.extxyz
