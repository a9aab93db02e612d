import org.scalebridge.io.*;
import java.nio.file.*;
var R = Path.of("src/test/resources/io/ase");
var O = Path.of(System.getProperty("java.io.tmpdir"), "io_out");
Files.createDirectories(O);
var x = Formats.read(R.resolve("tric.extxyz"));
Formats.write(O.resolve("ours.extxyz"), x);
Formats.write(O.resolve("ours.lammpstrj"), x);
Formats.write(O.resolve("POSCAR_ours"), Formats.readFirst(R.resolve("POSCAR_tric")));
Formats.write(O.resolve("ours.data"), java.util.List.of(x.get(0)), IoOptions.defaults().atomStyle("charge").speciesOrder("C","N","Na","Mn","Fe"));
Formats.write(O.resolve("ours.cif"), Formats.readFirst(R.resolve("mono_p21c.cif")));
/exit
