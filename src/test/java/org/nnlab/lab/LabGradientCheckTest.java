package org.nnlab.lab;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The course lab's test: one test per backward pass of the lab (in a kit, the ones the kit asks
 * for; in the reference project, all of them, which must pass). A failure's message names the
 * pass, the gradient that is wrong, by how much and where, or says that the stub is still there:
 *
 * <pre>
 *   Linear.backward: dW is wrong: max relative error 0.93 at (3, 1), analytic …, numeric …
 * </pre>
 *
 * Run it alone with {@code ./nnlab test -Dtest=LabGradientCheckTest}, or see the same as a table
 * with {@code ./nnlab lab-check}.
 */
class LabGradientCheckTest {

    // tag::students-test[]
    @TestFactory
    Stream<DynamicTest> everyLabBackwardPassAgreesWithFiniteDifferences() {
        return LabChecks.kitLayers().stream().map(layer -> DynamicTest.dynamicTest(layer.method(), () -> {
            // A backward pass that never returns fails here instead of hanging the build.
            LabResult result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> LabChecks.check(layer),
                    layer.method() + " did not return within 60 s: an endless loop?");
            if (!result.passed()) {
                fail(result.message());
            }
        }));
    }
    // end::students-test[]
}
