package org.nnlab.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnlab.gradcheck.ElementCheck.Verdict;
import org.nnlab.gradcheck.GradientChecker.Coverage;
import org.nnlab.layers.Linear;
import org.nnlab.losses.BinaryCrossEntropy;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;

/** The checker itself: numerical gradients, the pass/fail rule, sampling, and the report. */
class GradientCheckerTest {

    private static final GradientChecker CHECKER = GradientChecker.standard();

    /** f(x) = Σ x³, whose gradient 3x² is known in closed form. */
    private static double sumOfCubes(Matrix x) {
        double sum = 0;
        for (int i = 0; i < x.size(); i++) {
            sum += Math.pow(x.getFlat(i), 3);
        }
        return sum;
    }

    private static Matrix threeXSquared(Matrix x) {
        Matrix g = x.zerosLike(x.rows(), x.cols());
        MatrixOps.map(x, v -> 3 * v * v, g);
        return g;
    }

    @Test
    void stepIsTheCubeRootOfMachineEpsilon() {
        assertEquals(Math.cbrt(0x1.0p-52), Difference.CENTRAL.defaultStep(Precision.FLOAT64), 0);
        assertEquals(Math.cbrt(0x1.0p-23), Difference.CENTRAL.defaultStep(Precision.FLOAT32), 0);
        double h64 = Difference.CENTRAL.defaultStep(Precision.FLOAT64);
        double h32 = Difference.CENTRAL.defaultStep(Precision.FLOAT32);
        assertTrue(h64 > 1e-6 && h64 < 1e-5, "float64 step " + h64);
        assertTrue(h32 > 1e-3 && h32 < 1e-2, "float32 step " + h32);
    }

    /** Both sides of the trade-off that sets h: truncation h²·f'''/6 for a large h, round-off ε·|f|/h for a tiny one. */
    @Test
    void aStepFarFromTheCubeRootOfEpsilonFailsACorrectGradient() {
        Matrix x = MatrixFixtures.gaussian(2, 3, 16);
        x.fill(1.5);
        Matrix gradient = threeXSquared(x);
        TensorCheck defaultStep = CHECKER.checkTensor("x", x, gradient, () -> sumOfCubes(x), Coverage.SAMPLED);
        assertTrue(defaultStep.passed());
        // f''' = 6, so a step of 0.1 leaves a truncation error of h² = 0.01 in every element. That
        // much curvature within the stencil also looks like a kink, so no element passes: each is
        // reported as a failure or a kink.
        TensorCheck large = CHECKER.withStep(0.1).checkTensor("x", x, gradient, () -> sumOfCubes(x), Coverage.SAMPLED);
        assertFalse(large.passed());
        assertTrue(large.elements().stream().noneMatch(e -> e.verdict() == Verdict.PASS));
        assertEquals(0.01, large.elements().get(0).numeric() - large.elements().get(0).analytic(), 1e-9);
        // |f| ≈ 20, so a step of 1e-13 leaves round-off of order ε·|f|/h ≈ 4e-2
        TensorCheck tiny = CHECKER.withStep(1e-13).checkTensor("x", x, gradient, () -> sumOfCubes(x), Coverage.SAMPLED);
        assertFalse(tiny.passed());
        assertTrue(tiny.maxAbsoluteError() > 1e-4, "round-off error " + tiny.maxAbsoluteError());
    }

    /**
     * p(x) = 3x⁴ − 2x³ + x² − 5x + 1 around θ = 0.75: the five-point difference cancels the h²
     * term and p has no fifth derivative, so only round-off is left; the central difference from
     * the same values is off by its truncation, h²·p'''(θ)/6 = 7h².
     */
    @Test
    void theFivePointDifferenceIsExactForAQuarticAndTheCentralOneIsNot() {
        double theta = 0.75;
        double h = 0x1.0p-9;
        double[] offsets = {-h, -h / 2, 0, h / 2, h};
        double[] values = new double[5];
        for (int k = 0; k < 5; k++) {
            double x = theta + offsets[k];
            values[k] = 3 * Math.pow(x, 4) - 2 * Math.pow(x, 3) + x * x - 5 * x + 1;
        }
        double exact = 12 * Math.pow(theta, 3) - 6 * theta * theta + 2 * theta - 5;
        Stencil stencil = new Stencil(offsets, values);
        assertEquals(exact, stencil.fivePointDifference(), 1e-12);
        assertEquals(7 * h * h, stencil.centralDifference() - exact, 1e-12);
        assertTrue(Math.abs(stencil.centralDifference() - exact) > 1e-5);

        // The same through the checker: Σ p(xᵢ), with and without the kinks known.
        Matrix x = MatrixFixtures.gaussian(2, 3, 17);
        ScalarFunction sumOfP = () -> {
            double sum = 0;
            for (int i = 0; i < x.size(); i++) {
                double v = x.getFlat(i);
                sum += 3 * Math.pow(v, 4) - 2 * Math.pow(v, 3) + v * v - 5 * v + 1;
            }
            return sum;
        };
        Matrix derivative = x.zerosLike(2, 3);
        MatrixOps.map(x, v -> 12 * Math.pow(v, 3) - 6 * v * v + 2 * v - 5, derivative);
        TensorCheck fivePoint = CHECKER.checkTensor("x", x, derivative, sumOfP, List.of(), Coverage.SAMPLED);
        assertTrue(fivePoint.passed() && fivePoint.maxAbsoluteError() < 1e-10, "error " + fivePoint.maxAbsoluteError());
        TensorCheck central = CHECKER.withStep(h).checkTensor("x", x, derivative, sumOfP, Coverage.SAMPLED);
        assertTrue(central.elements().stream().allMatch(e -> e.verdict() != Verdict.PASS),
                "at the five-point step, central differences are off by 7h² and more");
    }

    /**
     * Binary cross-entropy of a probability of 0.026 varies on the scale of h = 2⁻⁹ (log has its
     * pole 0.026 away): the five-point difference at h is off by 8e-7 relative, at h/4 by 3e-9.
     * The failure at h is checked again at h/4 and passes; a real mistake fails at both.
     */
    @Test
    void aFivePointFailureIsCheckedAgainWithAQuarterOfTheStep() {
        Matrix predictions = Matrix.of(Precision.FLOAT64, new double[] {0.026, 0.5});
        Matrix targets = Matrix.of(Precision.FLOAT64, new double[] {1, 0});
        GradientReport report = CHECKER.checkLoss(new BinaryCrossEntropy(), predictions, targets);
        assertTrue(report.passed(), report.format());
        double h = Difference.FIVE_POINT.defaultStep(Precision.FLOAT64);
        assertEquals(h / 4, report.tensor("predictions").element(0, 0).step(), 0);
        assertEquals(h, report.tensor("predictions").element(0, 1).step(), 0);
        assertTrue(report.tensor("predictions").element(0, 0).relativeError() < 1e-8, report.format());
        assertTrue(report.notes().contains("note: 1 element that failed at h was checked again at h/4, where the five-point"
                + " truncation h⁴·f⁽⁵⁾/480 is 256 times smaller (f may vary on the scale of h, as log does near 0);"
                + " the table shows that second check."), report.format());

        class BinaryCrossEntropyOffByOnePercent extends BinaryCrossEntropy {
            @Override
            public Matrix backward() {
                Matrix gradient = super.backward();
                MatrixOps.map(gradient, g -> 1.01 * g, gradient);
                return gradient;
            }
        }
        GradientReport wrong = CHECKER.checkLoss(new BinaryCrossEntropyOffByOnePercent(), predictions, targets);
        assertEquals(2, wrong.tensor("predictions").failures().size(), wrong.format());
    }

    @Test
    void numericalGradientOfAKnownFunction() {
        Matrix x = MatrixFixtures.gaussian(3, 4, 1);
        Matrix numeric = CHECKER.numericalGradient(x, () -> sumOfCubes(x));
        for (int i = 0; i < x.size(); i++) {
            double expected = 3 * x.getFlat(i) * x.getFlat(i);
            assertEquals(expected, numeric.getFlat(i), 1e-9 * Math.max(1, Math.abs(expected)), "element " + i);
        }
    }

    @Test
    void theCheckedMatrixIsRestoredExactly() {
        Matrix x = MatrixFixtures.gaussian(2, 3, 2);
        Matrix before = x.copy();
        CHECKER.checkTensor("x", x, threeXSquared(x), () -> sumOfCubes(x), Coverage.SAMPLED);
        assertArrayEquals(before.doubles(), x.doubles(), 0);
    }

    @Test
    void aCorrectGradientPassesAndAWrongElementFailsWhereItIs() {
        Matrix x = MatrixFixtures.gaussian(3, 4, 3);
        TensorCheck right = CHECKER.checkTensor("x", x, threeXSquared(x), () -> sumOfCubes(x), Coverage.SAMPLED);
        assertTrue(right.passed());
        assertEquals(12, right.checked());
        assertTrue(right.maxRelativeError() <= 1e-7, "max relative error " + right.maxRelativeError());

        Matrix wrong = threeXSquared(x);
        wrong.set(2, 1, wrong.get(2, 1) * 1.001);
        TensorCheck check = CHECKER.checkTensor("x", x, wrong, () -> sumOfCubes(x), Coverage.SAMPLED);
        assertEquals(TensorCheck.Status.FAIL, check.status());
        assertEquals(1, check.failures().size());
        assertEquals("(2, 1)", check.failures().get(0).position());
        assertEquals("(2, 1)", check.worst().position());
        assertEquals(wrong.get(2, 1), check.worst().analytic(), 0);
        assertEquals(3 * x.get(2, 1) * x.get(2, 1), check.worst().numeric(), 1e-8);
    }

    @Test
    void anElementFailsOnlyWhenBothErrorsExceedTheirTolerances() {
        Tolerances t = new Tolerances(1e-7, 1e-8);
        // relative error 1e-3 but absolute error 1e-12: a near-zero gradient, round-off dominated
        assertFalse(t.exceededBy(Tolerances.relativeError(1e-9, 1.001e-9), Tolerances.absoluteError(1e-9, 1.001e-9)));
        // absolute error 1e-6 but relative error 5e-9: a large gradient agreeing to 8 digits
        assertFalse(t.exceededBy(Tolerances.relativeError(100, 100.000001), Tolerances.absoluteError(100, 100.000001)));
        // both: relative 5e-4, absolute 1e-3
        assertTrue(t.exceededBy(Tolerances.relativeError(1, 1.001), Tolerances.absoluteError(1, 1.001)));
        assertEquals(0, Tolerances.relativeError(0, 0), 0);
        assertEquals(Double.POSITIVE_INFINITY, Tolerances.relativeError(Double.NaN, 1));
    }

    @Test
    void relativeErrorIsTheDifferenceOverTheSumOfMagnitudes() {
        assertEquals(0.5 / 2.5, Tolerances.relativeError(1, 1.5), 1e-15);
        assertEquals(2.0 / 2.0, Tolerances.relativeError(1, -1), 1e-15);
        assertEquals(0.5, Tolerances.absoluteError(1, 1.5), 0);
    }

    @Test
    void aNanAnalyticGradientFails() {
        Matrix x = MatrixFixtures.gaussian(1, 3, 4);
        Matrix analytic = threeXSquared(x);
        analytic.set(0, 2, Double.NaN);
        TensorCheck check = CHECKER.checkTensor("x", x, analytic, () -> sumOfCubes(x), Coverage.SAMPLED);
        assertEquals(Verdict.FAIL, check.element(0, 2).verdict());
        assertEquals("(0, 2)", check.worst().position());
    }

    @Test
    void samplingChecksKSeededElementsButEveryBias() {
        Matrix w = MatrixFixtures.gaussian(10, 10, 5);
        GradientChecker sampling = CHECKER.withSamples(7).withSeed(42);
        TensorCheck first = sampling.checkTensor("W", w, threeXSquared(w), () -> sumOfCubes(w), Coverage.SAMPLED);
        TensorCheck again = sampling.checkTensor("W", w, threeXSquared(w), () -> sumOfCubes(w), Coverage.SAMPLED);
        TensorCheck otherSeed = CHECKER.withSamples(7).withSeed(43)
                .checkTensor("W", w, threeXSquared(w), () -> sumOfCubes(w), Coverage.SAMPLED);
        assertEquals(7, first.checked());
        assertEquals(positions(first), positions(again), "the same seed samples the same elements");
        assertNotEquals(positions(first), positions(otherSeed));
        TensorCheck bias = sampling.checkTensor("b", w, threeXSquared(w), () -> sumOfCubes(w), Coverage.EVERY_ELEMENT);
        assertEquals(100, bias.checked());
    }

    private static List<String> positions(TensorCheck check) {
        return check.elements().stream().map(ElementCheck::position).toList();
    }

    @Test
    void aWrongBiasUnitIsCaughtEvenWhenTheWeightsAreSampled() {
        // A bias gradient wrong for one unit only: a sample of the biases could miss it.
        class OneWrongBiasUnit extends Linear {
            OneWrongBiasUnit(Matrix w, Matrix b) {
                super("W", w, "b", b);
            }

            @Override
            public Matrix backward(Matrix dout) {
                Matrix dx = super.backward(dout);
                Matrix db = bias().gradient();
                db.set(0, 5, 2 * db.get(0, 5));
                return dx;
            }
        }
        Linear layer = new OneWrongBiasUnit(MatrixFixtures.gaussian(6, 8, 6), MatrixFixtures.gaussian(1, 8, 7));
        GradientReport report = CHECKER.withSamples(2).checkLayer(layer, MatrixFixtures.gaussian(3, 6, 8));
        assertEquals(2, report.tensor("W").checked());
        assertEquals(2, report.tensor("X").checked());
        assertEquals(8, report.tensor("b").checked());
        assertTrue(report.tensor("W").passed() && report.tensor("X").passed(), report.format());
        assertEquals(List.of("(0, 5)"), report.tensor("b").failures().stream().map(ElementCheck::position).toList());
    }

    @Test
    void theReportPrintsOneRowPerTensorAndASummaryLine() {
        Linear layer = new Linear("W", MatrixFixtures.gaussian(4, 3, 9), "b", MatrixFixtures.gaussian(1, 3, 10));
        GradientReport report = CHECKER.checkLayer(layer, MatrixFixtures.gaussian(2, 4, 11));
        String text = report.format();
        List<String> lines = text.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("| tensor | shape | checked | kinks |")), text);
        assertTrue(text.contains("| X      | 2×4   |     8/8 |     0 |"), text);
        assertTrue(text.contains("| W      | 4×3   |   12/12 |     0 |"), text);
        assertTrue(text.contains("| b      | 1×3   |     3/3 |     0 |"), text);
        assertEquals(3, lines.stream().filter(l -> l.endsWith("| pass   |")).count(), text);
        assertEquals("PASS: all 3 tensors pass (23 elements checked, 0 kinks excluded)", report.summaryLine());
        assertTrue(text.contains("five-point differences (fourth order; kinks reported by the layers), h = 1.95e-03;"), text);
        assertTrue(text.contains("relative error > 1e-07 and absolute error > 1e-08"), text);
        assertTrue(report.warnings().isEmpty());
    }

    /** A near-zero gradient has a large relative error from round-off alone; the report says why it passes. */
    @Test
    void aPassWithALargeRelativeErrorIsExplainedUnderTheTable() {
        Matrix x = Matrix.of(Precision.FLOAT64, new double[] {1e-6, 2, -3});
        TensorCheck check = CHECKER.checkTensor("x", x, threeXSquared(x), () -> sumOfCubes(x), Coverage.SAMPLED);
        assertTrue(check.passed());
        assertTrue(check.maxRelativeError() > 1e-7, "relative error " + check.maxRelativeError());
        assertTrue(check.element(0, 0).absoluteError() < 1e-8);
        GradientReport report = new GradientReport("Σ x³", Precision.FLOAT64, Difference.CENTRAL, 6e-6,
                Tolerances.FLOAT64, List.of(check), List.of());
        assertEquals(List.of("note: x passes with a relative error above 1e-07 only where the absolute error is below"
                + " 1e-08: gradients near 0, where the round-off in f, about ε·|f|/h, is large next to the gradient"
                + " itself."), report.notes());
        assertTrue(report.format().contains(report.notes().get(0)));
    }

    @Test
    void aFailingReportNamesTheTensorInItsSummary() {
        Matrix x = MatrixFixtures.gaussian(2, 2, 12);
        Matrix wrong = threeXSquared(x);
        MatrixOps.map(wrong, v -> -v, wrong);
        TensorCheck check = CHECKER.checkTensor("x", x, wrong, () -> sumOfCubes(x), Coverage.SAMPLED);
        GradientReport report = new GradientReport("Σ x³", Precision.FLOAT64, Difference.CENTRAL, 6e-6,
                Tolerances.FLOAT64, List.of(check), List.of());
        assertFalse(report.passed());
        assertEquals("FAIL: 1 of 1 tensors fail: x (4 of 4 elements) (4 elements checked, 0 kinks excluded)",
                report.summaryLine());
        assertTrue(report.table().contains("| FAIL   |"), report.table());
    }

    @Test
    void float32UsesItsOwnStepAndLooserTolerancesAndWarns() {
        Linear layer = new Linear("W", MatrixFixtures.gaussian(Precision.FLOAT32, 4, 3, 1, 13), "b",
                MatrixFixtures.gaussian(Precision.FLOAT32, 1, 3, 1, 14));
        GradientReport report = CHECKER.checkLayer(layer, MatrixFixtures.gaussian(Precision.FLOAT32, 5, 4, 1, 15));
        assertTrue(report.passed(), report.format());
        assertEquals(Tolerances.FLOAT32, report.tolerances());
        assertEquals(Difference.FIVE_POINT.defaultStep(Precision.FLOAT32), report.step(), 0);
        assertEquals(1, report.warnings().size());
        assertTrue(report.format().contains("warning: this check ran in float32"), report.format());
    }

    @Test
    void aStepTooSmallForTheElementIsRefusedNotMisread() {
        Matrix x = Matrix.of(Precision.FLOAT32, new double[] {1e6});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CHECKER.checkTensor("x", x, threeXSquared(x), () -> sumOfCubes(x), Coverage.SAMPLED));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
    }

    @Test
    void aTensorWithNothingComparedHasNoWorstElement() {
        TensorCheck empty = new TensorCheck("x", 0, 3, List.of(), Tolerances.FLOAT64);
        assertNull(empty.worst());
        assertEquals(TensorCheck.Status.NOTHING_COMPARED, empty.status());
        assertFalse(empty.passed());
    }
}
