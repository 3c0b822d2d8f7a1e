package org.nnlab.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnlab.random.SplitMix64;

/** The --augment grammar, the settings' checks, and the affine algebra. */
class AugmentationTest {

    @Test
    void kindsJoinedByPlusInAnyOrder() {
        Augmentation a = Augmentation.parse("elastic+affine");
        assertTrue(a.affine() && a.elastic() && !a.flip());
        assertEquals("affine+elastic", a.kinds());
        assertEquals("affine+flip", Augmentation.parse(" Affine + flip ").kinds());
        assertEquals("none", Augmentation.parse("none").kinds());
        assertFalse(Augmentation.parse("none").isOn());
        assertTrue(Augmentation.parse("flip").isOn());
    }

    @Test
    void anUnknownKindIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("affine+warp"));
        assertTrue(e.getMessage().contains("unknown augmentation 'warp'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("affine+"));
    }

    @Test
    void describeNamesEveryRangeAndSetting() {
        Augmentation a = Augmentation.parse("affine+elastic");
        assertEquals("affine (rotate ±15°, scale ±15%, shear ±15°, translate ±2 px) + elastic (σ 4, α 34)", a.describe());
        assertEquals("none", Augmentation.NONE.describe());
        assertEquals("affine (scale ±10%, translate ±2 px) + left-right flips",
                Augmentation.parse("affine+flip").withRanges(new AffineRanges(0, 0.1, 0, 2)).describe());
        assertEquals("affine (all ranges 0)", Augmentation.parse("affine").withRanges(AffineRanges.NONE).describe());
    }

    @Test
    void rangesOutsideTheirLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AffineRanges(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AffineRanges(0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AffineRanges(0, 0, 90, 0));
        assertThrows(IllegalArgumentException.class, () -> new AffineRanges(0, 0, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ElasticSettings(0, 34));
        assertThrows(IllegalArgumentException.class, () -> new ElasticSettings(4, -1));
    }

    @Test
    void aMapAfterItsInverseIsTheIdentity() {
        SplitMix64 random = new SplitMix64(4);
        for (int i = 0; i < 50; i++) {
            AffineMap map = new AffineRanges(30, 0.3, 20, 3).draw(random, true, 28);
            AffineMap identity = map.inverse().after(map);
            assertEquals(1, identity.a(), 1e-12);
            assertEquals(0, identity.b(), 1e-12);
            assertEquals(0, identity.c(), 1e-12);
            assertEquals(1, identity.d(), 1e-12);
            assertEquals(0, identity.tx(), 1e-10);
            assertEquals(0, identity.ty(), 1e-10);
        }
    }

    @Test
    void drawnMapsStayWithinTheirRanges() {
        SplitMix64 random = new SplitMix64(5);
        AffineRanges turnOnly = new AffineRanges(10, 0, 0, 0);
        for (int i = 0; i < 200; i++) {
            AffineMap map = turnOnly.draw(random, false, 28);
            double degrees = Math.toDegrees(Math.atan2(-map.c(), map.a()));
            assertTrue(Math.abs(degrees) <= 10 + 1e-9, degrees + "°");
            assertEquals(13.5, map.x(13.5, 13.5), 1e-9, "the centre stays where it is");
            assertEquals(13.5, map.y(13.5, 13.5), 1e-9);
        }
        AffineRanges shiftOnly = new AffineRanges(0, 0, 0, 2);
        for (int i = 0; i < 200; i++) {
            AffineMap map = shiftOnly.draw(random, false, 28);
            assertTrue(Math.abs(map.tx()) <= 2 && Math.abs(map.ty()) <= 2, map.toString());
        }
    }
}
