package org.nnlab.kernels;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;

/** The jqwik providers the matrix-multiply properties share: dimensions and tile shapes. */
interface ShapeProviders {

    @Provide
    default Arbitrary<Integer> small() {
        return ArrayFixtures.smallDimension();
    }

    @Provide
    default Arbitrary<Integer> large() {
        return ArrayFixtures.largeDimension();
    }

    /** Every tile shape that has micro-kernels. */
    @Provide
    default Arbitrary<Tile> tiles() {
        return Arbitraries.of(Tile.SHAPES);
    }
}
