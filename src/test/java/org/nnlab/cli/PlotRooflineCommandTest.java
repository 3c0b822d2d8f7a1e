package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.plot.Roofline;

/** nnlab plot --roofline: draws the figure from a CSV, and names the file and line of a bad one. */
class PlotRooflineCommandTest {
    private static final String CSV = """
            kind,series,label,flops,bytes,seconds
            machine,,test machine; JDK 17,,,
            compute,,peak,100e9,,1
            memory,,main memory,,10e9,1
            point,vector,matmul,5e7,2e6,1e-3
            """;

    @TempDir
    Path dir;

    @Test
    void theRooflineIsWrittenAsPngAndSvgTitledWithTheMachine() throws Exception {
        Path csv = Files.writeString(dir.resolve("roofline.csv"), CSV);
        Path out = dir.resolve("figures");
        CommandLineTest.Run run = CommandLineTest.run("plot", "--roofline", csv.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(Roofline.WIDTH, ImageIO.read(out.resolve("roofline.png").toFile()).getWidth());
        String svg = Files.readString(out.resolve("roofline.svg"));
        assertTrue(svg.contains("test machine; JDK 17"), "the machine row is the setup line");
        assertTrue(svg.contains("peak: 100.0 GFLOP/s"));
    }

    @Test
    void aBadLineFailsWithOneLineNamingTheFileAndLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), CSV.replace("1e-3", "fast"));
        CommandLineTest.Run run = CommandLineTest.run("plot", "--roofline", csv.toString(), "--out", dir.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("--roofline " + csv + " line 5: seconds must be a number, got 'fast'"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(Files.notExists(dir.resolve("roofline.png")), "nothing drawn from a bad file");
    }

    @Test
    void aMissingFileIsNamed() {
        CommandLineTest.Run run = CommandLineTest.run("plot", "--roofline", dir.resolve("none.csv").toString(), "--out", dir.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("--roofline " + dir.resolve("none.csv") + ": no such file"), run.err());
    }

    @Test
    void helpDescribesTheRooflineFlag() {
        CommandLineTest.Run run = CommandLineTest.run("plot", "--help");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("--roofline FILE"), run.out());
        assertTrue(run.out().contains("kind,series,label,flops,bytes,seconds"), run.out());
    }
}
