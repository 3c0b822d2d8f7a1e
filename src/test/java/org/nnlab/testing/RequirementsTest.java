package org.nnlab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {
    private static final String WHY = "python3 -c import numpy exited with status 1: ModuleNotFoundError: No module named 'numpy'";
    private static final String INSTALL = "apt-get install python3-numpy";

    @Test
    void underCiAMissingRequirementFailsWithWhatToInstall() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Requirements.missing("python3 with numpy", WHY, INSTALL, "true"));

        assertEquals("python3 with numpy is missing (" + WHY + "); to install it: " + INSTALL + "."
                + " This fails rather than skips because CI=true: a skipped test would pass having tested nothing.",
                e.getMessage());
    }

    @Test
    void elsewhereAMissingRequirementSkipsWithWhatToInstall() {
        for (String ci : new String[] {null, "", "false"}) {
            TestAbortedException e = assertThrows(TestAbortedException.class,
                    () -> Requirements.missing("python3 with numpy", WHY, INSTALL, ci));

            assertEquals("python3 with numpy is missing (" + WHY + "); to install it: " + INSTALL + "."
                    + " Skipped; under CI=true this fails.", e.getMessage());
        }
    }
}
