package org.nnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nnlab.kernels.Tile;
import org.openjdk.jmh.annotations.Param;

class MatmulTileBenchmarkTest {

    /**
     * The benchmark's tiles are the ones that have micro-kernels: a tile without kernels fails
     * its fork (the property is refused), and a new tile would go unmeasured.
     */
    @Test
    void benchmarksEveryTileThatHasKernelsAndNoOther() throws NoSuchFieldException {
        String[] benchmarked = MatmulTileBenchmark.class.getField("tile").getAnnotation(Param.class).value();
        assertEquals(Tile.SHAPES, Arrays.stream(benchmarked).map(Tile::parse).toList());
    }
}
