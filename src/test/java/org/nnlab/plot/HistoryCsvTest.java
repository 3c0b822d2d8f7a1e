package org.nnlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnlab.training.EpochResult;
import org.nnlab.training.History;

class HistoryCsvTest {
    @TempDir
    Path dir;

    @Test
    void aHistoryReadsBackExactlyIncludingNaNAndAwkwardDoubles() throws IOException {
        History history = History.of(List.of(
                new EpochResult(1, 0.1, 0.1 + 0.2, 0.8921272727272728, 0.2532409888404262, 0.9226, 1.858194254, 29598.62774390002),
                new EpochResult(2, 0.095, 1e-300, Double.MIN_VALUE, Double.NaN, Double.NaN, 3.4e12, Double.MAX_VALUE)));
        Path file = HistoryCsv.write(history, dir.resolve("history.csv"));

        assertEquals(history.epochs(), HistoryCsv.read(file).epochs());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the temporary file is renamed into place, nothing else left");
        }
    }

    @Property(tries = 40)
    void anyDoublesSurviveTheRoundTrip(@ForAll int epoch, @ForAll double rate, @ForAll double loss,
                                                       @ForAll double accuracy, @ForAll double seconds) throws IOException {
        Path file = Files.createTempFile("history", ".csv");
        try {
            History history = History.of(List.of(new EpochResult(epoch, rate, loss, accuracy, -loss, 1 - accuracy, seconds, 1 / seconds)));
            HistoryCsv.write(history, file);
            assertEquals(history.epochs(), HistoryCsv.read(file).epochs());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theFileStartsWithTheDocumentedHeader() throws IOException {
        Path file = HistoryCsv.write(History.of(List.of()), dir.resolve("h.csv"));
        assertEquals("epoch,learning_rate,train_loss,train_accuracy,validation_loss,validation_accuracy,seconds,images_per_second\n",
                Files.readString(file));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "epoch,lr,loss|line 1: expected the header",
        "''|line 1: expected the header 'epoch,learning_rate,train_loss,train_accuracy,validation_loss,validation_accuracy,seconds,images_per_second', got an empty file",
        "HEADER\\n1,0.1,0.5,0.9,0.4,0.91,1.0,100\\n2,0.1,0.5,0.9|line 3: expected 8 comma-separated values (epoch, learning_rate",
        "HEADER\\n1,0.1,abc,0.9,0.4,0.91,1.0,100|line 2: train_loss must be a number, got 'abc'",
        "HEADER\\n1.5,0.1,0.5,0.9,0.4,0.91,1.0,100|line 2: epoch must be a whole number, got '1.5'",
        "HEADER\\n\\n1,0.1,0.5,0.9,0.4,0.91,1.0,100\\n3,0.1,0.5,0.9,0.4,0.91,1.0,|line 4: images_per_second must be a number, got ''",
    })
    void aMalformedFileIsRejectedNamingTheFileAndLine(String content, String expected) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, content.replace("HEADER", HistoryCsv.HEADER).replace("\\n", "\n"), StandardCharsets.UTF_8);
        MalformedHistoryException e = assertThrows(MalformedHistoryException.class, () -> HistoryCsv.read(file));
        assertTrue(e.getMessage().startsWith(file + " " + expected.substring(0, expected.indexOf(':') + 1)), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected «" + expected + "» in «" + e.getMessage() + "»");
    }

    @Test
    void aByteOrderMarkAndBlankLinesAreTolerated() throws IOException {
        Path file = dir.resolve("excel.csv");
        Files.writeString(file, "\uFEFF" + HistoryCsv.HEADER + "\r\n1,0.1,0.5,0.9,0.4,0.91,1.0,100\r\n\r\n");
        List<EpochResult> epochs = HistoryCsv.read(file).epochs();
        assertEquals(List.of(new EpochResult(1, 0.1, 0.5, 0.9, 0.4, 0.91, 1.0, 100)), epochs);
    }
}
