package org.nnlab.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.preprocessing.Examples;
import org.nnlab.training.History;
import org.nnlab.training.SyntheticProblems;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.TrainingRuns;

/** Each update rule against its formula, worked by hand in double, and its state through a save and restore. */
class OptimizerTest {
    private static final double LR = 0.1;
    private static final double[] GRADIENTS = {0.5, -2.0};

    private static Parameter parameter(double... values) {
        return Parameter.of("W1", Matrix.of(Precision.FLOAT64, values), true);
    }

    /** Two steps with the gradient fixed at GRADIENTS; returns the parameter's values. */
    private static double[] twoSteps(Optimizer optimizer) {
        Parameter p = parameter(1.0, 1.0);
        for (int step = 0; step < 2; step++) {
            p.gradient().set(0, 0, GRADIENTS[0]);
            p.gradient().set(0, 1, GRADIENTS[1]);
            optimizer.update(List.of(p), LR);
        }
        return p.value().row(0);
    }

    @Test
    void sgdStepsAgainstTheGradient() {
        double[] w = twoSteps(new Sgd());
        assertEquals(1 - 2 * LR * 0.5, w[0], 1e-15);
        assertEquals(1 + 2 * LR * 2.0, w[1], 1e-15);
    }

    @Test
    void momentumAccumulatesAVelocity() {
        double mu = 0.9;
        double[] w = twoSteps(new Momentum(mu));
        for (int i = 0; i < 2; i++) {
            double v1 = -LR * GRADIENTS[i];
            double v2 = mu * v1 - LR * GRADIENTS[i];
            assertEquals(1 + v1 + v2, w[i], 1e-15);
        }
    }

    @Test
    void nesterovFollowsTheCs231nNotes() {
        double mu = 0.9;
        double[] w = twoSteps(new Nesterov(mu));
        for (int i = 0; i < 2; i++) {
            double theta = 1;
            double v = 0;
            for (int step = 0; step < 2; step++) {
                double previous = v;
                v = mu * v - LR * GRADIENTS[i];
                theta += -mu * previous + (1 + mu) * v;
            }
            assertEquals(theta, w[i], 1e-14);
        }
    }

    @Test
    void adamCorrectsItsMomentsForTheirStartAtZero() {
        double[] w = twoSteps(new Adam());
        for (int i = 0; i < 2; i++) {
            double theta = 1;
            double m = 0;
            double v = 0;
            for (int t = 1; t <= 2; t++) {
                double g = GRADIENTS[i];
                m = 0.9 * m + 0.1 * g;
                v = 0.999 * v + 0.001 * g * g;
                double mHat = m / (1 - Math.pow(0.9, t));
                double vHat = v / (1 - Math.pow(0.999, t));
                theta -= LR * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            assertEquals(theta, w[i], 1e-14);
        }
        // With a constant gradient Adam's first steps have size ≈ η whatever the gradient's scale.
        assertEquals(1 - 2 * LR, w[0], 1e-6);
        assertEquals(1 + 2 * LR, w[1], 1e-6);
    }

    @ParameterizedTest
    @EnumSource(OptimizerSettings.Kind.class)
    void restoringTheSavedStateContinuesExactly(OptimizerSettings.Kind kind) {
        Optimizer straight = OptimizerSettings.of(kind).create();
        Parameter a = parameter(1.0, -1.0);
        Optimizer first = OptimizerSettings.of(kind).create();
        Parameter b = parameter(1.0, -1.0);
        for (int step = 0; step < 3; step++) {
            setGradient(a, step);
            straight.update(List.of(a), LR);
        }
        for (int step = 0; step < 2; step++) {
            setGradient(b, step);
            first.update(List.of(b), LR);
        }
        Map<String, Matrix> saved = new LinkedHashMap<>();
        first.state().forEach((name, m) -> saved.put(name, m.copy()));
        Optimizer resumed = OptimizerSettings.of(kind).create();
        resumed.restore(saved);
        setGradient(b, 2);
        resumed.update(List.of(b), LR);
        assertEquals(a.value().get(0, 0), b.value().get(0, 0), 0, kind + ": first element");
        assertEquals(a.value().get(0, 1), b.value().get(0, 1), 0, kind + ": second element");
        if (kind != OptimizerSettings.Kind.SGD) {
            assertTrue(!saved.isEmpty(), kind + " should have state to save");
        }
    }

    /** A restore replaces the state even in an optimiser that has already found its matrices by parameter. */
    @ParameterizedTest
    @EnumSource(OptimizerSettings.Kind.class)
    void restoringIntoAnOptimizerThatHasTakenStepsContinuesFromTheSavedState(OptimizerSettings.Kind kind) {
        Optimizer straight = OptimizerSettings.of(kind).create();
        Parameter a = parameter(1.0, -1.0);
        for (int step = 0; step < 3; step++) {
            setGradient(a, step);
            straight.update(List.of(a), LR);
        }
        Optimizer reused = OptimizerSettings.of(kind).create();
        Parameter b = parameter(1.0, -1.0);
        for (int step = 0; step < 2; step++) {
            setGradient(b, step);
            reused.update(List.of(b), LR);
        }
        Map<String, Matrix> saved = new LinkedHashMap<>();
        reused.state().forEach((name, m) -> saved.put(name, m.copy()));
        Matrix valueAfterTwoSteps = b.value().copy();
        setGradient(b, 5); // a step the restore must undo
        reused.update(List.of(b), LR);
        b.value().copyFrom(valueAfterTwoSteps);
        reused.restore(saved);
        setGradient(b, 2);
        reused.update(List.of(b), LR);
        assertEquals(a.value().get(0, 0), b.value().get(0, 0), 0, kind + ": first element");
        assertEquals(a.value().get(0, 1), b.value().get(0, 1), 0, kind + ": second element");
    }

    private static void setGradient(Parameter p, int step) {
        p.gradient().set(0, 0, 0.3 * (step + 1));
        p.gradient().set(0, 1, -0.7 / (step + 1));
    }

    @ParameterizedTest
    @EnumSource(OptimizerSettings.Kind.class)
    void everyOptimizerLearnsSeparableBlobs(OptimizerSettings.Kind kind) {
        Examples data = SyntheticProblems.blobs(400, 6, 3, 21);
        Examples.Split split = data.split(80, 22);
        TrainingConfig config = TrainingConfig.builder().epochs(8).batchSize(16)
                .learningRate(kind == OptimizerSettings.Kind.ADAM ? 0.01 : 0.05)
                .optimizer(OptimizerSettings.of(kind)).seed(5).build();
        History history = TrainingRuns.train(TrainingRuns.softmaxSpec(6, 12, 3), split, config);
        assertTrue(history.last().validationAccuracy() >= 0.97, kind + ": " + history.last().validationAccuracy());
    }
}
