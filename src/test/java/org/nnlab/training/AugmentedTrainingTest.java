package org.nnlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnlab.augment.AffineRanges;
import org.nnlab.augment.Augmentation;
import org.nnlab.data.LabeledImages;
import org.nnlab.data.TrainTest;
import org.nnlab.evaluation.Evaluation;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentRunner;
import org.nnlab.experiment.PreparedData;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.preprocessing.Examples;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.preprocessing.Task;
import org.nnlab.random.Shuffle;
import org.nnlab.random.SplitMix64;

/**
 * Augmentation in training: it distorts the batches trained on, and nothing else; it is the same
 * for the same seed; and its grey levels survive every input scaling. Dropout is off whenever the
 * network is evaluated.
 */
class AugmentedTrainingTest {
    private static final int SIDE = 8;
    private static final TrainTest IMAGES = strokes(600, 200, 4);

    /**
     * 8×8 images of a bright bar whose position and direction give the class (0..9), on a faintly
     * noisy background: something that a distortion visibly moves.
     */
    static TrainTest strokes(int trainCount, int testCount, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        return new TrainTest(strokeImages(trainCount, random), strokeImages(testCount, random));
    }

    private static LabeledImages strokeImages(int count, SplitMix64 random) {
        byte[] pixels = new byte[count * SIDE * SIDE];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = i % 10;
            labels[i] = (byte) label;
            for (int j = 0; j < SIDE * SIDE; j++) {
                int row = j / SIDE;
                int col = j % SIDE;
                boolean bar = label < 5 ? row == 1 + label : col == 1 + label - 5;
                pixels[i * SIDE * SIDE + j] = (byte) (bar ? 200 + random.nextInt(56) : random.nextInt(30));
            }
        }
        return new LabeledImages(count, SIDE, SIDE, pixels, labels);
    }

    private static Experiment experiment(Augmentation augmentation, InputScaling scaling, long seed) {
        NetworkSpec spec = TrainingRuns.softmaxSpec(SIDE * SIDE, 24, 10).withDropout(0.3, 0.1);
        TrainingConfig training = TrainingConfig.builder().epochs(3).batchSize(16).learningRate(0.05).seed(seed)
                .augmentation(augmentation).build();
        return new Experiment("synthetic", Task.TEN_CLASSES, SplitPlan.holdout(500, 100), scaling, spec, training);
    }

    private static float[] copyOf(Examples examples) {
        return examples.inputs().floats().clone();
    }

    @Test
    void augmentationNeverTouchesTheStoredTrainingValidationOrTestImages() {
        Experiment experiment = experiment(Augmentation.parse("affine+elastic"), InputScaling.UNIT, 1);
        PreparedData data = PreparedData.of(experiment, IMAGES);
        float[] train = copyOf(data.train());
        float[] validation = copyOf(data.validation());
        float[] test = copyOf(data.test());

        ExperimentRunner.Outcome outcome = ExperimentRunner.run(experiment, data, TrainingListener.SILENT);

        assertArrayEquals(train, copyOf(data.train()), "the training set is distorted batch by batch, in a copy");
        assertArrayEquals(validation, copyOf(data.validation()));
        assertArrayEquals(test, copyOf(data.test()));
        // The validation scores recorded during training are those of the images as they are: a
        // fresh evaluation of the undistorted images (dropout off) gives the same numbers, to the bit.
        EpochResult last = outcome.history().last();
        Evaluation.Score validationNow = Evaluation.of(outcome.network(), data.validation());
        assertEquals(validationNow.loss(), last.validationLoss(), 0);
        assertEquals(validationNow.accuracy(), last.validationAccuracy(), 0);
        assertEquals(Evaluation.of(outcome.network(), data.test()).loss(), outcome.test().loss(), 0);
    }

    @Test
    void theBatchesTrainedOnAreDistortedCopies() {
        Experiment experiment = experiment(Augmentation.parse("affine+elastic"), InputScaling.UNIT, 1);
        PreparedData data = PreparedData.of(experiment, IMAGES);
        BatchAugmenter augmenter = new BatchAugmenter(experiment.training().augmentation(), data.preprocessing(), SIDE * SIDE, 1);
        int rows = 10;
        Matrix batch = Matrix.zeros(Precision.FLOAT32, rows, SIDE * SIDE);
        int[] labels = new int[rows];
        data.train().gather(Shuffle.identity(rows), 0, rows, batch, labels);
        float[] before = batch.floats().clone();
        augmenter.startEpoch(1);
        augmenter.distort(batch, rows, 0);
        for (int r = 0; r < rows; r++) {
            float[] original = Arrays.copyOfRange(before, r * SIDE * SIDE, (r + 1) * SIDE * SIDE);
            float[] distorted = Arrays.copyOfRange(batch.floats(), r * SIDE * SIDE, (r + 1) * SIDE * SIDE);
            assertFalse(Arrays.equals(original, distorted), "image " + r + " was not distorted");
        }
        // Another epoch, another distortion of the same images.
        Matrix again = Matrix.wrap(before.clone(), rows, SIDE * SIDE);
        augmenter.startEpoch(2);
        augmenter.distort(again, rows, 0);
        assertFalse(Arrays.equals(batch.floats(), again.floats()));
    }

    /**
     * Distortions move grey levels, whatever the input scaling: with every range zero the inputs come
     * back as they were (up to rounding), and an image shifted right off the paper becomes blank
     * paper, grey level 0, scaled as each pixel scales it (0.01 for offset-unit, −μⱼ/σⱼ standardised).
     */
    @ParameterizedTest
    @EnumSource(InputScaling.class)
    void distortionsWorkOnGreyLevelsWhateverTheInputScaling(InputScaling scaling) {
        PreparedData data = PreparedData.of(experiment(Augmentation.NONE, scaling, 1), IMAGES);
        Preprocessing pre = data.preprocessing();
        int rows = 4;
        Matrix batch = Matrix.zeros(Precision.FLOAT32, rows, SIDE * SIDE);
        data.train().gather(Shuffle.identity(rows), 0, rows, batch, new int[rows]);
        float[] before = batch.floats().clone();

        Augmentation identity = Augmentation.parse("affine").withRanges(AffineRanges.NONE);
        distort(identity, pre, batch);
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], batch.floats()[i], 1e-5 * Math.max(1, Math.abs(before[i])), scaling.cliName() + " input " + i);
        }

        // Shifts of up to ±1000 pixels: each of these images lands far off its 8×8 paper.
        Augmentation offThePaper = Augmentation.parse("affine").withRanges(new AffineRanges(0, 0, 0, 1000));
        distort(offThePaper, pre, batch);
        for (int i = 0; i < before.length; i++) {
            assertEquals(pre.apply(0, i % (SIDE * SIDE)), batch.floats()[i], 1e-5, scaling.cliName() + " input " + i);
        }
    }

    private static void distort(Augmentation augmentation, Preprocessing pre, Matrix batch) {
        BatchAugmenter augmenter = new BatchAugmenter(augmentation, pre, SIDE * SIDE, 1);
        augmenter.startEpoch(1);
        augmenter.distort(batch, batch.rows(), 0);
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        Augmentation augmentation = Augmentation.parse("affine+elastic");
        Network first = train(experiment(augmentation, InputScaling.UNIT, 5));
        Network again = train(experiment(augmentation, InputScaling.UNIT, 5));
        Network other = train(experiment(augmentation, InputScaling.UNIT, 6));
        for (Parameter p : first.parameters()) {
            assertArrayEquals(p.value().floats(), again.parameter(p.name()).value().floats(), p.name());
        }
        assertFalse(Arrays.equals(first.parameter("W1").value().floats(), other.parameter("W1").value().floats()));
    }

    @Test
    void augmentationChangesWhatIsLearned() {
        Network plain = train(experiment(Augmentation.NONE, InputScaling.UNIT, 5));
        Network augmented = train(experiment(Augmentation.parse("elastic"), InputScaling.UNIT, 5));
        assertFalse(Arrays.equals(plain.parameter("W1").value().floats(), augmented.parameter("W1").value().floats()));
    }

    @Test
    void afterTrainingDropoutIsOffSoEvaluationIsDeterministic() {
        Experiment experiment = experiment(Augmentation.NONE, InputScaling.UNIT, 7);
        PreparedData data = PreparedData.of(experiment, IMAGES);
        Network network = ExperimentRunner.run(experiment, data, TrainingListener.SILENT).network();
        Matrix x = data.test().inputs();
        float[] once = network.forward(x).floats().clone();
        assertArrayEquals(once, network.forward(x).floats(), "no unit is dropped at evaluation");
    }

    @Test
    void flipsAreRefusedForDigits() {
        TrainingConfig flip = TrainingConfig.builder().augmentation(Augmentation.parse("affine+flip")).build();
        NetworkSpec spec = TrainingRuns.softmaxSpec(784, 8, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Experiment("mnist", Task.TEN_CLASSES, SplitPlan.DEFAULT, InputScaling.UNIT, spec, flip));
        assertTrue(e.getMessage().startsWith("flips are for clothes, never digits"), e.getMessage());
        new Experiment("fashion-mnist", Task.TEN_CLASSES, SplitPlan.DEFAULT, InputScaling.UNIT, spec, flip);
    }

    private static Network train(Experiment experiment) {
        return ExperimentRunner.run(experiment, PreparedData.of(experiment, IMAGES), TrainingListener.SILENT).network();
    }
}
