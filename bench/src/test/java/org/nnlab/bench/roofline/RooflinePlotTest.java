package org.nnlab.bench.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.cli.CommandLineTest;
import org.nnlab.cli.CommandLineTest.Run;

/** RooflinePlot: draws the figure from a CSV, and names the file and line of a bad one. */
class RooflinePlotTest {
    private static final String CSV = """
            kind,series,label,flops,bytes,seconds
            machine,,test machine; JDK 17,,,
            compute,,peak,100e9,,1
            memory,,main memory,,10e9,1
            point,vector,matmul,5e7,2e6,1e-3
            """;

    @TempDir
    Path dir;

    private static Run run(String... args) {
        return CommandLineTest.capture(() -> RooflinePlot.run(args));
    }

    @Test
    void theRooflineIsWrittenAsPngAndSvgTitledWithTheMachine() throws Exception {
        Path csv = Files.writeString(dir.resolve("roofline.csv"), CSV);
        Path out = dir.resolve("figures");
        Run run = run(csv.toString(), out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(Roofline.WIDTH, ImageIO.read(out.resolve("roofline.png").toFile()).getWidth());
        String svg = Files.readString(out.resolve("roofline.svg"));
        assertTrue(svg.contains("test machine; JDK 17"), "the machine row is the setup line");
        assertTrue(svg.contains("peak: 100.0 GFLOP/s"));
    }

    @Test
    void aTitleReplacesTheMachineRow() throws Exception {
        Path csv = Files.writeString(dir.resolve("roofline.csv"), CSV);
        Run run = run(csv.toString(), dir.toString(), "--title", "another machine");
        assertEquals(0, run.status(), run.err());
        String svg = Files.readString(dir.resolve("roofline.svg"));
        assertTrue(svg.contains("another machine") && !svg.contains("test machine"), svg);
    }

    @Test
    void aBadLineFailsWithOneLineNamingTheFileAndLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), CSV.replace("1e-3", "fast"));
        Run run = run(csv.toString(), dir.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains(csv + " line 5: seconds must be a number, got 'fast'"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(Files.notExists(dir.resolve("roofline.png")), "nothing drawn from a bad file");
    }

    @Test
    void aMissingFileIsNamed() {
        Run run = run(dir.resolve("none.csv").toString(), dir.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains(dir.resolve("none.csv") + ": no such file"), run.err());
    }

    @Test
    void helpDescribesTheColumnsAndAWrongCommandLineSaysWhatIsExpected() {
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("kind,series,label,flops,bytes,seconds"), help.out());
        Run wrong = run("only-one-argument");
        assertEquals(2, wrong.status());
        assertTrue(wrong.err().startsWith("RooflinePlot: expected CSV OUT_DIR [--title TEXT]"), wrong.err());
    }
}
