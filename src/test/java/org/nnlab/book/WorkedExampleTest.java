package org.nnlab.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nnlab.gradcheck.GradientChecker;
import org.nnlab.gradcheck.GradientReport;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Network;
import org.junit.jupiter.api.Test;

class WorkedExampleTest {

    @Test
    void theLayerByLayerGradientsAgreeWithFiniteDifferences() {
        Network network = WorkedExample.network();
        Matrix x = Matrix.of(Precision.FLOAT64, WorkedExample.X);
        Matrix y = WorkedExample.targets();
        WorkedExample.Steps steps = WorkedExample.steps(network, x, y);
        GradientReport check = GradientChecker.standard().checkNetwork(network, x, y);
        assertTrue(check.passed(), check.format());
        // The analytic side of the check is Network.lossAndGradients; the chapter shows the layer-by-layer one.
        assertEquals(check.tensor("W1").element(3, 0).analytic(), steps.dw1().get(3, 0));
        assertEquals(check.tensor("b2").element(0, 1).analytic(), steps.db2().get(0, 1));
        assertTrue(check.tensor("W1").element(3, 0).relativeError() < 1e-9);
    }

    @Test
    void theExampleShowsEveryCaseOfTheReluMask() {
        WorkedExample.Steps steps = WorkedExample.steps(WorkedExample.network(), Matrix.of(Precision.FLOAT64, WorkedExample.X),
                WorkedExample.targets());
        int positive = 0;
        for (int i = 0; i < steps.z1().size(); i++) {
            positive += steps.z1().getFlat(i) > 0 ? 1 : 0;
            // Far from the kink, so that the check compares every element.
            assertTrue(Math.abs(steps.z1().getFlat(i)) > 0.05);
        }
        assertTrue(positive > 0 && positive < steps.z1().size(), "some hidden pre-activations positive, some not");
        // One example classified right (1: P = 0.78), one wrong (0, but P = 0.40).
        assertTrue(steps.p().get(0, 1) > 0.5 && steps.p().get(1, 0) < 0.5);
    }

    @Test
    void theChaptersRegionsAreAllWrittenAndOneStepLowersTheLoss() {
        String doc = WorkedExample.asciidoc();
        for (String tag : new String[] {"given", "forward", "loss", "backward", "check", "update"}) {
            assertTrue(doc.contains("// tag::" + tag + "[]") && doc.contains("// end::" + tag + "[]"), tag);
        }
        assertTrue(doc.contains("PASS: all 5 tensors pass"), doc);
        assertTrue(doc.contains("\\ell_{\\text{before}} = 0.5879 \\quad\\longrightarrow\\quad \\ell_{\\text{after}} = 0.3912"), doc);
    }

    @Test
    void numbersAreRoundedToFourDecimalsWithoutTrailingZeros() {
        assertEquals("0.5", WorkedExample.Latex.number(0.5));
        assertEquals("-0.122", WorkedExample.Latex.number(-0.12199999));
        assertEquals("0", WorkedExample.Latex.number(-0.00001));
        assertEquals("(-1)", WorkedExample.Latex.signed(-1));
    }
}
