package org.nnlab.lab;

import java.util.List;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * In a lab kit, a test that runs a backward pass the kit withholds (see {@link LabLayer#withheld})
 * is skipped, with the pass named, instead of failing: in a kit whose asked-for passes are all
 * right, every test that fails still points at the student's own work. Lab-kit registers this
 * extension with JUnit Jupiter, and as a lifecycle hook with jqwik (for properties), in kits that
 * withhold a pass; in the reference project nothing is withheld and it is not registered. A pass
 * the student has written no longer throws, so its tests run. A test that catches the stub's
 * exception itself and fails on something else (an exit status) is not recognised: lab-kit
 * leaves the few such test classes out of kits that withhold passes (see LabKit).
 */
public final class WithheldPasses implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler,
        AroundPropertyHook {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw skipIfWithheld(thrown);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw skipIfWithheld(thrown);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw skipIfWithheld(thrown);
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult result = property.execute();
        if (result.status() != PropertyExecutionResult.Status.FAILED || result.throwable().isEmpty()) {
            return result;
        }
        Throwable skip = skipIfWithheld(result.throwable().get());
        return skip == result.throwable().get() ? result : result.mapToAborted(skip);
    }

    /** Every property of every container: the hook is registered once, for all of them. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    /** A skip naming the withheld pass that {@code thrown} came from, or {@code thrown} itself. */
    static Throwable skipIfWithheld(Throwable thrown) {
        LabLayer withheld = withheldPassThatThrew(thrown, LabChecks.kitWithheld());
        if (withheld == null) {
            return thrown;
        }
        return new TestAbortedException("skipped: this test runs " + withheld.method() + ", which this kit withholds (see"
                + " LAB.adoc); write it to run the test", thrown);
    }

    /**
     * The withheld pass whose stub threw {@code thrown} or one of its causes, or whose stub's
     * message one of them quotes (an assertion showing what a command printed); null if none.
     */
    static LabLayer withheldPassThatThrew(Throwable thrown, List<LabLayer> withheld) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            for (LabLayer layer : withheld) {
                if (message != null && message.contains("TODO: implement " + layer.method() + " ")) {
                    return layer;
                }
            }
        }
        return null;
    }
}
