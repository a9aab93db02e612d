package org.scalebridge.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;

/**
 * Seeded mutation fuzzing of a reader: valid files are mutated at byte and line level (flip, insert, delete,
 * duplicate/swap/drop lines, replace a token by a hostile one, truncate) and read; every failure must be an
 * {@link InputException} that names the file and a line (or byte offset) — never another exception, never a hang
 * (the whole run of a format is bounded to 30 s, preemptively; it takes ~1–3 s on an idle core).
 */
final class Fuzz {
    private Fuzz() {}

    private static final String[] HOSTILE = {"", "-1", "0", "1e309", "NaN", "nan", "Infinity", "-0", "2147483648",
        "99999999999999999999", "1.5", "x", "\"", "{", "[", "=", ":", "#", "T", "F", "-2147483648", "1e-400", "0x10",
        "1d3", "1.0f", "\t", "  ", "\u00e9", "\uFFFD", "ITEM:", "Atoms", "1 2 3", "loop_", "_atom_site_fract_x", "Direct",
        "Selective", "<", ">", "</varray>", "'", ";", "?", "."};

    private static final String PUNCT = " 0123456789.-+eE\n\"=:#xTF_'";

    /** Runs {@code cases} mutated reads; returns a summary line. */
    static String run(StructureFormat format, List<String> seeds, String fileName, long seed, int cases, Path dir) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> runInner(format, seeds, fileName, seed, cases, dir));
    }

    private static String runInner(StructureFormat format, List<String> seeds, String fileName, long seed, int cases, Path dir)
            throws IOException {
        Rng rng = new Rng(seed);
        Path file = dir.resolve(fileName);
        int ok = 0, rejected = 0;
        long worst = 0;
        for (int c = 0; c < cases; c++) {
            String base = seeds.get(rng.nextInt(seeds.size()));
            byte[] data = mutate(base, rng);
            long t0 = System.nanoTime();
            // mostly in memory (fast); every 16th case through a real file, as users read them
            boolean viaFile = c % 16 == 0;
            if (viaFile) Files.write(file, data);
            try (TrajectoryReader r = viaFile ? format.open(file, IoOptions.defaults())
                    : format.open(file.toString(), new java.io.ByteArrayInputStream(data), IoOptions.defaults())) {
                r.readAll();
                ok++;
            } catch (InputException e) {
                rejected++;
                boolean located = e.line() > 0 || e.getMessage().contains("offset");
                if (!located || e.source() == null || !e.getMessage().startsWith(file.toString())) {
                    fail("case " + c + ": error without a location: " + e.getMessage() + "\n--- input ---\n" + preview(data));
                }
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError("case " + c + " (seed " + seed + "): " + e + "\n--- input ---\n" + preview(data), e);
            }
            worst = Math.max(worst, System.nanoTime() - t0);
        }
        assertTrue(ok + rejected == cases);
        return format.name() + ": " + cases + " cases, " + ok + " read, " + rejected + " rejected with a location, slowest "
                + worst / 1000000 + " ms";
    }

    private static String preview(byte[] d) {
        String s = new String(d, StandardCharsets.UTF_8);
        return s.length() > 3000 ? s.substring(0, 3000) + "…" : s;
    }

    static byte[] mutate(String base, Rng rng) {
        int nMut = 1 + rng.nextInt(3);
        String s = base;
        for (int m = 0; m < nMut; m++) {
            int kind = rng.nextInt(9);
            List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
            int li = lines.isEmpty() ? 0 : rng.nextInt(lines.size());
            switch (kind) {
                case 0 -> { // flip/replace a byte
                    if (s.isEmpty()) break;
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    int p = rng.nextInt(b.length);
                    b[p] = (byte) (rng.nextInt(2) == 0 ? b[p] ^ (1 << rng.nextInt(8)) : PUNCT.charAt(rng.nextInt(PUNCT.length())));
                    s = new String(b, StandardCharsets.UTF_8);
                }
                case 1 -> { // delete a range
                    if (s.isEmpty()) break;
                    int p = rng.nextInt(s.length());
                    int len = 1 + rng.nextInt(Math.min(40, s.length() - p));
                    s = s.substring(0, p) + s.substring(p + len);
                }
                case 2 -> { // insert hostile text
                    int p = s.isEmpty() ? 0 : rng.nextInt(s.length());
                    s = s.substring(0, p) + HOSTILE[rng.nextInt(HOSTILE.length)] + s.substring(p);
                }
                case 3 -> { // drop a line
                    if (lines.size() > 1) lines.remove(li);
                    s = String.join("\n", lines);
                }
                case 4 -> { // duplicate a line
                    lines.add(li, lines.get(li));
                    s = String.join("\n", lines);
                }
                case 5 -> { // swap two lines
                    int lj = rng.nextInt(lines.size());
                    String t = lines.get(li);
                    lines.set(li, lines.get(lj));
                    lines.set(lj, t);
                    s = String.join("\n", lines);
                }
                case 6 -> { // replace a token by a hostile one
                    String[] tok = lines.get(li).split(" ", -1);
                    if (tok.length > 0) tok[rng.nextInt(tok.length)] = HOSTILE[rng.nextInt(HOSTILE.length)];
                    lines.set(li, String.join(" ", tok));
                    s = String.join("\n", lines);
                }
                case 7 -> { // truncate
                    if (!s.isEmpty()) s = s.substring(0, rng.nextInt(s.length()));
                }
                default -> { // replace a number by an extreme one
                    String[] tok = lines.get(li).split(" ", -1);
                    for (int k = 0; k < tok.length; k++) {
                        if (Num.isNumber(tok[k]) && rng.nextInt(2) == 0) {
                            tok[k] = switch (rng.nextInt(5)) {
                                case 0 -> "-" + tok[k];
                                case 1 -> tok[k] + "9999";
                                case 2 -> "0";
                                case 3 -> "1000000000";
                                default -> "1e300";
                            };
                            break;
                        }
                    }
                    lines.set(li, String.join(" ", tok));
                    s = String.join("\n", lines);
                }
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
