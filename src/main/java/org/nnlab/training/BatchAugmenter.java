package org.nnlab.training;

import org.nnlab.augment.Augmentation;
import org.nnlab.augment.ImageDistorter;
import org.nnlab.matrix.Matrix;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.random.SplitMix64;

/**
 * Distorts the training images of a minibatch after they are gathered, so that every epoch sees
 * new versions of them; the training set itself, and the validation and test sets, are never
 * changed (only {@link BatchGradient} calls this, on its own copy of the batch).
 *
 * <p><b>Randomness.</b> Image number {@code i} of epoch {@code e} (its position in the epoch's
 * order) is distorted by a generator seeded from (the run's augmentation stream, e, i) alone: the
 * stream's seed is drawn from the run's seed once, so the same seed gives the same distortions,
 * whatever else the run draws, whichever thread distorts which image, and after a resume from a
 * checkpoint (which knows the epoch; there is no other state to save).
 *
 * <p><b>Pixels and inputs.</b> Every {@link Preprocessing} is a straight line per pixel,
 * input = aⱼ·level + cⱼ for grey levels 0..255. The images are distorted as grey levels, with
 * blank paper at level 0, and turned back into inputs: for the scalings that are the same line at
 * every pixel this changes nothing, and for {@code standardize} it keeps each pixel's own μ and σ
 * where they belong. A pixel that standardisation maps to 0 whatever its level (σⱼ = 0) has the
 * same level μⱼ in every training image, so that is its level.
 */
final class BatchAugmenter {
    /** The augmentation stream's seed is the run's seed mixed with this ("augment" in ASCII). */
    private static final long STREAM = 0x617567_6D656E74L;

    private final ImageDistorter distorter;
    private final long streamSeed;
    private final float[] slope;
    private final float[] intercept;
    private final float[] fixedLevel;
    private final float[] levels;
    private final float[] distorted;
    private int epoch;

    /** Distorts batches of {@code features}-pixel square images scaled by {@code preprocessing}. */
    BatchAugmenter(Augmentation settings, Preprocessing preprocessing, int features, long runSeed) {
        this.distorter = new ImageDistorter(settings, ImageDistorter.sideOf(features));
        this.streamSeed = new SplitMix64(runSeed ^ STREAM).nextLong();
        this.slope = new float[features];
        this.intercept = new float[features];
        this.fixedLevel = new float[features];
        for (int j = 0; j < features; j++) {
            double c = preprocessing.apply(0, j);
            double a = (preprocessing.apply(255, j) - c) / 255;
            slope[j] = (float) a;
            intercept[j] = (float) c;
            fixedLevel[j] = a == 0 ? preprocessing.mean()[j] : Float.NaN;
        }
        this.levels = new float[features];
        this.distorted = new float[features];
    }

    /** Sets the epoch whose images the next batches are; with the position, it picks each image's distortion. */
    void startEpoch(int epochNumber) {
        epoch = epochNumber;
    }

    /** Distorts rows 0..rows−1 of x (float32), which are images firstPosition.. of this epoch's order. */
    // tag::augment[]
    void distort(Matrix x, int rows, int firstPosition) {
        if (!x.isFloat32()) {
            throw new IllegalStateException("augmentation distorts training batches, which are float32; got " + x.precision());
        }
        float[] values = x.floats();
        int d = levels.length;
        for (int r = 0; r < rows; r++) {
            int offset = r * d;
            for (int j = 0; j < d; j++) {
                levels[j] = slope[j] != 0 ? (values[offset + j] - intercept[j]) / slope[j] : fixedLevel[j];
            }
            distorter.draw(imageSeed(firstPosition + r));
            distorter.apply(levels, 0, distorted, 0, 0);
            for (int j = 0; j < d; j++) {
                values[offset + j] = slope[j] * distorted[j] + intercept[j];
            }
        }
    }
    // end::augment[]

    /** The seed of image {@code position} of the current epoch: a mix of (stream, epoch, position), distinct for each pair. */
    private long imageSeed(int position) {
        return new SplitMix64(streamSeed ^ ((long) epoch << 32 | position)).nextLong();
    }
}
