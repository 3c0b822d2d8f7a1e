package org.nnlab.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OutputComparisonTest {
    private final OutputComparison timingsOnly = new OutputComparison(List.of());

    @Test
    void timingsAndSpeedsMayDifferAndSoMayTheirPadding() {
        List<String> book = List.of("epoch 1/2  loss 0.2704  lr 0.5000    48,657 img/s    1.1 s  (elapsed 1.2 s)",
                "test accuracy: 95.97% (9597 of 10000 images) in 1.7 s", "elapsed 1:41, about 0:13 left");
        List<String> printed = List.of("epoch 1/2  loss 0.2704  lr 0.5000   116,346 img/s   11.5 s  (elapsed 13.0 s)",
                "test accuracy: 95.97% (9597 of 10000 images) in 13.9 s", "elapsed 12:07, about 1:13 left");
        assertEquals(Optional.empty(), timingsOnly.compare(book, printed));
    }

    @Test
    void theVectorWidthAndTileOfAnotherCpuMayDifferButNotTheKernelsOrTheirZeroSkipping() {
        String book = "nnlab: network --hidden 64 (784-64-10 relu, softmax-ce); vector kernels, 256-bit, 6×2 tile, zero-skipping";
        String avx512 = "nnlab: network --hidden 64 (784-64-10 relu, softmax-ce); vector kernels, 512-bit, 8×2 tile, zero-skipping";
        assertEquals(Optional.empty(), timingsOnly.compare(List.of(book), List.of(avx512)));
        String tilePerForm = book.replace("6×2 tile", "tiles 6×2 (A·B, Aᵀ·B), 2×4 (A·Bᵀ), 4×2 (narrow)");
        assertEquals(Optional.empty(), timingsOnly.compare(List.of(book), List.of(tilePerForm)));
        assertEquals(Optional.empty(), timingsOnly.compare(List.of(tilePerForm), List.of(avx512)));
        assertTrue(timingsOnly.compare(List.of(tilePerForm), List.of(tilePerForm.replace("zero-skipping", "dense"))).isPresent());
        String zeroFreeTiles = tilePerForm + "; A without zeros: 4×2 (A·B), 2×4 (Aᵀ·B)";
        assertEquals(Optional.empty(), timingsOnly.compare(List.of(book), List.of(zeroFreeTiles)));
        assertEquals(Optional.empty(), timingsOnly.compare(List.of(zeroFreeTiles), List.of(avx512)));
        assertTrue(timingsOnly.compare(List.of(book + ", loss 0.27"), List.of(zeroFreeTiles + ", loss 0.28")).isPresent(),
                "what follows the tiles still counts");
        assertTrue(timingsOnly.compare(List.of("rows; A without zeros: 4×2 (A·B)"), List.of("rows")).isPresent(),
                "the same words elsewhere are not the kernels' line");
        String dense = avx512.replace("zero-skipping", "dense");
        assertTrue(timingsOnly.compare(List.of(book), List.of(dense)).isPresent());
        String scalar = "nnlab: network --hidden 64 (784-64-10 relu, softmax-ce); scalar kernels, zero-skipping";
        assertTrue(timingsOnly.compare(List.of(book), List.of(scalar)).isPresent());
    }

    @Test
    void aChangedNumberOrWordIsAMismatchNamingTheLine() {
        List<String> book = List.of("nnlab: header", "test accuracy: 95.97% (9597 of 10000 images) in 1.7 s");
        OutputComparison.Mismatch accuracy = timingsOnly.compare(book,
                List.of("nnlab: header", "test accuracy: 95.98% (9598 of 10000 images) in 1.7 s")).orElseThrow();
        assertEquals(2, accuracy.bookLine());
        assertEquals(2, accuracy.printedLine());
        assertTrue(accuracy.describe().contains("95.98%"), accuracy.describe());

        OutputComparison.Mismatch word = timingsOnly.compare(book,
                List.of("nnlab: heading", "test accuracy: 95.97% (9597 of 10000 images) in 1.7 s")).orElseThrow();
        assertEquals(1, word.bookLine());
    }

    @Test
    void anExtraOrAMissingLineIsAMismatch() {
        List<String> book = List.of("a", "b");
        assertEquals(3, timingsOnly.compare(book, List.of("a", "b", "c")).orElseThrow().printedLine());
        assertEquals(2, timingsOnly.compare(book, List.of("a")).orElseThrow().bookLine());
    }

    @Test
    void anElisionStandsForAnyLinesButWhatItSeparatesMustBeThereInOrder() {
        List<String> book = List.of("usage: nnlab train [flags]", "…", "  --lr RATE  base learning rate (default: 0.5)", "…");
        List<String> help = List.of("usage: nnlab train [flags]", "", "flags:", "  --lr RATE  base learning rate (default: 0.5)",
                "  --help  show this help");
        assertEquals(Optional.empty(), timingsOnly.compare(book, help));
        List<String> changedDefault = List.of("usage: nnlab train [flags]", "flags:", "  --lr RATE  base learning rate (default: 0.1)");
        assertTrue(timingsOnly.compare(book, changedDefault).isPresent());
        List<String> lastAnchored = List.of("first", "…", "last");
        assertTrue(timingsOnly.compare(lastAnchored, List.of("first", "x", "last", "more")).isPresent());
        assertEquals(Optional.empty(), timingsOnly.compare(lastAnchored, List.of("first", "last")));
    }

    @Test
    void aListingsOwnMaskHidesOnlyWhatItMatches() {
        OutputComparison withFileCount = new OutputComparison(List.of(Pattern.compile("\\d+ files")));
        List<String> book = List.of("lab kit for linear: 311 files in kit");
        assertEquals(Optional.empty(), withFileCount.compare(book, List.of("lab kit for linear: 315 files in kit")));
        assertTrue(withFileCount.compare(book, List.of("lab kit for relu: 311 files in kit")).isPresent());
    }

    @Test
    void trailingSpacesDoNotCountButLeadingOnesDo() {
        assertEquals(Optional.empty(), timingsOnly.compare(List.of("a  "), List.of("a")));
        assertTrue(timingsOnly.compare(List.of(" a"), List.of("a")).isPresent());
    }
}
