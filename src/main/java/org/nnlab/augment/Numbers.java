package org.nnlab.augment;

import java.math.BigDecimal;
import java.math.MathContext;

/** Settings written as people write them: 4 rather than 4.0, 15 rather than 15.000000000000002. */
final class Numbers {
    private Numbers() {
    }

    static String compact(double value) {
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
