package org.nnlab.experiment;

import java.util.Arrays;
import java.util.Locale;
import org.nnlab.data.LabeledImages;
import org.nnlab.data.TrainTest;
import org.nnlab.random.Shuffle;
import org.nnlab.random.SplitMix64;

/**
 * Which images train, which validate and which test. Written on the command line as
 *
 * <ul>
 *   <li>{@code T/V}, e.g. {@code 55k/5k}, {@code 50k/10k}, {@code 40k/20k}: V images drawn at random
 *       from the training set validate, T others train, the test set tests;</li>
 *   <li>{@code first-T/last-V}, e.g. {@code first-50k/last-10k}: the first T training images train and
 *       the last V validate, in file order: the split of {@code mnist.pkl.gz} (report 000);</li>
 *   <li>{@code all/test}: every training image trains and the test set is also the validation set,
 *       i.e. it is watched during training (report 001 did this; nnlab warns that it is not a
 *       held-out test any more);</li>
 *   <li>{@code all/stratified-test}: every training image trains; the test set is split in two
 *       halves with the same class proportions, one validating and one testing (report 003).</li>
 * </ul>
 *
 * The random choices use a generator seeded with the complement of the run's seed, so that they
 * are independent of the minibatch order drawn from the seed itself.
 */
public record SplitPlan(Kind kind, int trainSize, int validationSize) {

    public enum Kind { HOLDOUT, ORDERED_HOLDOUT, TEST_AS_VALIDATION, STRATIFIED_TEST }

    public static final SplitPlan DEFAULT = holdout(55_000, 5_000);

    public SplitPlan {
        if ((kind == Kind.HOLDOUT || kind == Kind.ORDERED_HOLDOUT) && (trainSize < 1 || validationSize < 0)) {
            throw new IllegalArgumentException("a split needs at least 1 training image and ≥ 0 validation images, got "
                    + trainSize + "/" + validationSize);
        }
    }

    public static SplitPlan holdout(int train, int validation) {
        return new SplitPlan(Kind.HOLDOUT, train, validation);
    }

    /** The first {@code train} images train, the last {@code validation} validate. */
    public static SplitPlan ordered(int train, int validation) {
        return new SplitPlan(Kind.ORDERED_HOLDOUT, train, validation);
    }

    public static SplitPlan testAsValidation() {
        return new SplitPlan(Kind.TEST_AS_VALIDATION, 0, 0);
    }

    public static SplitPlan stratifiedTest() {
        return new SplitPlan(Kind.STRATIFIED_TEST, 0, 0);
    }

    /** The three sets of images, as this plan cuts them from a dataset. */
    public record ImageSplit(LabeledImages train, LabeledImages validation, LabeledImages test) {
    }

    public ImageSplit apply(TrainTest images, long seed) {
        SplitMix64 random = new SplitMix64(~seed);
        return switch (kind) {
            case HOLDOUT -> holdOut(images, random);
            case ORDERED_HOLDOUT -> firstAndLast(images);
            case TEST_AS_VALIDATION -> new ImageSplit(images.train(), images.test(), images.test());
            case STRATIFIED_TEST -> {
                int[][] halves = stratifiedHalves(images.test(), random);
                yield new ImageSplit(images.train(), images.test().subset(halves[0]), images.test().subset(halves[1]));
            }
        };
    }

    private ImageSplit holdOut(TrainTest images, SplitMix64 random) {
        int available = images.train().count();
        if (trainSize + validationSize > available) {
            throw new IllegalArgumentException("the split " + spec() + " needs " + (trainSize + validationSize)
                    + " training images, the dataset has " + available);
        }
        int[] order = Shuffle.identity(available);
        Shuffle.inPlace(order, random);
        int[] validation = Arrays.copyOfRange(order, 0, validationSize);
        int[] train = Arrays.copyOfRange(order, validationSize, validationSize + trainSize);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new ImageSplit(images.train().subset(train), images.train().subset(validation), images.test());
    }

    private ImageSplit firstAndLast(TrainTest images) {
        int available = images.train().count();
        if (trainSize + validationSize > available) {
            throw new IllegalArgumentException("the split " + spec() + " needs " + (trainSize + validationSize)
                    + " training images, the dataset has " + available);
        }
        int[] train = java.util.stream.IntStream.range(0, trainSize).toArray();
        int[] validation = java.util.stream.IntStream.range(available - validationSize, available).toArray();
        return new ImageSplit(images.train().subset(train), images.train().subset(validation), images.test());
    }

    /**
     * Each class's images shuffled and cut in half; when a class has an odd count, the odd image goes
     * to the first half for the first such class, the second half for the next, and so on, so the
     * halves differ in size by at most one. MNIST's test set gives 5000/5000 with the per-class
     * counts of report 003's Table I (e.g. 568 validation images of digit 1).
     */
    static int[][] stratifiedHalves(LabeledImages images, SplitMix64 random) {
        int[] first = new int[images.count()];
        int[] second = new int[images.count()];
        int firstSize = 0;
        int secondSize = 0;
        boolean oddToFirst = true;
        for (int label = 0; label < LabeledImages.LABEL_LIMIT; label++) {
            int[] members = membersOf(images, label);
            Shuffle.inPlace(members, random);
            int half = members.length / 2 + (members.length % 2 == 1 && oddToFirst ? 1 : 0);
            if (members.length % 2 == 1) {
                oddToFirst = !oddToFirst;
            }
            for (int i = 0; i < members.length; i++) {
                if (i < half) {
                    first[firstSize++] = members[i];
                } else {
                    second[secondSize++] = members[i];
                }
            }
        }
        int[] a = Arrays.copyOf(first, firstSize);
        int[] b = Arrays.copyOf(second, secondSize);
        Arrays.sort(a);
        Arrays.sort(b);
        return new int[][] {a, b};
    }

    private static int[] membersOf(LabeledImages images, int label) {
        return java.util.stream.IntStream.range(0, images.count()).filter(i -> images.label(i) == label).toArray();
    }

    /** Whether the test set is watched during training (then it is no independent test). */
    public boolean validatesOnTest() {
        return kind == Kind.TEST_AS_VALIDATION;
    }

    /** The command-line form; {@link #parse} reads it back. */
    public String spec() {
        return switch (kind) {
            case HOLDOUT -> count(trainSize) + "/" + count(validationSize);
            case ORDERED_HOLDOUT -> "first-" + count(trainSize) + "/last-" + count(validationSize);
            case TEST_AS_VALIDATION -> "all/test";
            case STRATIFIED_TEST -> "all/stratified-test";
        };
    }

    private static String count(int n) {
        return n % 1000 == 0 && n > 0 ? n / 1000 + "k" : Integer.toString(n);
    }

    public static SplitPlan parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all/test")) {
            return testAsValidation();
        }
        if (t.equals("all/stratified-test")) {
            return stratifiedTest();
        }
        String[] parts = t.split("/");
        if (parts.length == 2 && parts[0].startsWith("first-") && parts[1].startsWith("last-")) {
            try {
                return ordered(parseCount(parts[0].substring("first-".length())), parseCount(parts[1].substring("last-".length())));
            } catch (IllegalArgumentException e) {
                // fall through to the message that lists the forms
            }
        }
        if (parts.length == 2) {
            try {
                return holdout(parseCount(parts[0]), parseCount(parts[1]));
            } catch (IllegalArgumentException e) {
                // fall through to the message that lists the forms
            }
        }
        throw new IllegalArgumentException("unknown split '" + text
                + "', expected TRAIN/VALIDATION (e.g. 55k/5k, 50k/10k, 40k/20k), first-TRAIN/last-VALIDATION,"
                + " all/test or all/stratified-test");
    }

    private static int parseCount(String text) {
        return text.endsWith("k") ? Math.multiplyExact(Integer.parseInt(text.substring(0, text.length() - 1)), 1000)
                : Integer.parseInt(text);
    }
}
