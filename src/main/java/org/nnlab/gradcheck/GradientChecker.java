package org.nnlab.gradcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.nnlab.gradcheck.ElementCheck.Verdict;
import org.nnlab.layers.Kinked;
import org.nnlab.layers.Layer;
import org.nnlab.layers.Parameter;
import org.nnlab.losses.Loss;
import org.nnlab.matrix.CompensatedSum;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Network;

/**
 * Checks analytic gradients (the backward passes) against numerical ones (finite differences of
 * the forward pass), element by element, as PyTorch's {@code gradcheck}, cs231n's
 * {@code gradient_check.py} and DL4J's {@code GradientCheckUtil} do. f is evaluated at five points
 * around each element θ, θ ± h and θ ± h/2, and differentiated in one of two ways ({@link Difference}):
 *
 * <pre>
 *   five-point:  numeric = [8(f(θ + h/2) − f(θ − h/2)) − (f(θ + h) − f(θ − h))] / 6h   h = 2⁻⁹ in float64
 *   central:     numeric = (f(θ + h) − f(θ − h)) / 2h                                h = ε^(1/3)
 * </pre>
 *
 * What f is depends on what is checked: a loss of predictions ({@link #checkLoss}), a layer's output
 * weighted by a random upstream gradient G, f = Σ forward(x) ⊙ G ({@link #checkLayer}, cs231n's
 * {@code eval_numerical_gradient_array}), layers followed by a loss ({@link #checkStack}), or a
 * whole network's loss including L2 ({@link #checkNetwork}). These know every operation f runs
 * through, and those with kinks ({@link Kinked}: ReLU, the clamp of binary cross-entropy) say
 * which side of the kink each input was on at each of the five points: an element is a kink
 * exactly when that changes within its stencil, and the rest get the five-point difference.
 * {@link #checkTensor} is the general form for any scalar function of a matrix: given the
 * operations with kinks, it does the same; without, f is a black box, kinks are inferred from its
 * values ({@link Stencil#slopeJump}), and the step must stay small enough for central differences.
 * An element that fails a five-point check is checked again with h/4 before it is called a
 * failure, so that truncation where f varies on the scale of h is not mistaken for a mistake.
 *
 * <p>Run checks in float64 ({@link Network#withPrecision}, or layers fed FLOAT64 matrices): the
 * layers are the same code that trains in float32, and only float64 leaves enough digits for a
 * verdict. A float32 check works, with looser {@link Tolerances}, and its report carries a warning.
 *
 * <p>Checking perturbs the matrices in place and restores every element exactly, then evaluates f
 * once more at the unperturbed point, so layer caches end where they began.
 */
public final class GradientChecker {

    /** Which elements of a tensor to check when the checker samples. */
    public enum Coverage {
        /** A seeded sample of the checker's sample size, or all elements when it does not sample. */
        SAMPLED,
        /** Every element, always: for biases, small tensors where one wrong unit is easy to miss. */
        EVERY_ELEMENT
    }

    /** The sample size meaning "check every element". */
    public static final int ALL = 0;

    /**
     * How far above the round-off unit ε·|f|/h a {@link Stencil#slopeJump} must be to count as a
     * kink. The jump combines five values of f through four slopes over h/2, so a round-off of δ in
     * each value can make it as large as 16·δ/h without any kink. Measured over every element of
     * the smooth networks (sigmoid or tanh hidden layer × each output and loss, 20-16-10, batch 8,
     * L2 0.01), the largest jump was 39 units in float64 (10 seeds: δ ≈ 2.4·ε·|f|, the loss passes
     * through many float64 operations) but only 2.1 in float32 (40 seeds: the loss is summed in
     * double from float32 values, so δ is below ε·|f|). float64 keeps a wide margin; float32 cannot
     * afford one, since its kinks are barely larger than that: a kink under 3 units goes
     * unreported there and may fail its element (in 1 of those 40 × 5 float32 networks with a
     * ReLU hidden layer, one did).
     */
    static double roundOffAllowance(Precision precision) {
        return precision == Precision.FLOAT32 ? 3 : 100;
    }

    private final double step;
    private final Tolerances tolerances;
    private final int samples;
    private final long seed;

    private GradientChecker(double step, Tolerances tolerances, int samples, long seed) {
        this.step = step;
        this.tolerances = tolerances;
        this.samples = samples;
        this.seed = seed;
    }

    /** Every element, the default step and tolerances of the checked matrices' precision, seed 1. */
    public static GradientChecker standard() {
        return new GradientChecker(Double.NaN, null, ALL, 1);
    }

    /** A fixed step h for every precision and difference, instead of {@link Difference#defaultStep}. */
    public GradientChecker withStep(double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("the step h must be positive and finite, got " + h);
        }
        return new GradientChecker(h, tolerances, samples, seed);
    }

    /** Fixed tolerances for every precision, instead of {@link Tolerances#forPrecision}. */
    public GradientChecker withTolerances(Tolerances fixed) {
        return new GradientChecker(step, fixed, samples, seed);
    }

    /**
     * Checks at most k elements of each {@link Coverage#SAMPLED} tensor, drawn by a generator
     * seeded from the checker's seed and the tensor's name; {@link #ALL} (0) checks every element.
     */
    public GradientChecker withSamples(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("the sample size must be ≥ 0 (0: all elements), got " + k);
        }
        return new GradientChecker(step, tolerances, k, seed);
    }

    /** The seed of the samples and of the random upstream gradient of layer checks. */
    public GradientChecker withSeed(long newSeed) {
        return new GradientChecker(step, tolerances, samples, newSeed);
    }

    /** The gap between 1 and the next larger number in the precision: 2⁻⁵² or 2⁻²³. */
    public static double machineEpsilon(Precision precision) {
        return precision == Precision.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
    }

    /** The step this checker uses for the difference on matrices of the precision. */
    public double step(Difference difference, Precision precision) {
        return Double.isNaN(step) ? difference.defaultStep(precision) : step;
    }

    /** The tolerances this checker uses for matrices of the precision. */
    public Tolerances tolerances(Precision precision) {
        return tolerances == null ? Tolerances.forPrecision(precision) : tolerances;
    }

    public int samples() {
        return samples;
    }

    public long seed() {
        return seed;
    }

    // ---- any scalar function of a matrix ----

    /**
     * The numerical gradient of a black-box f with respect to every element of {@code point}, by
     * central differences with this checker's step: cs231n's {@code eval_numerical_gradient}.
     * Returned in float64 whatever the point's precision.
     */
    public Matrix numericalGradient(Matrix point, ScalarFunction f) {
        double h = step(Difference.CENTRAL, point.precision());
        Matrix gradient = Matrix.zeros(Precision.FLOAT64, point.rows(), point.cols());
        double valueAtPoint = f.value();
        for (int i = 0; i < point.size(); i++) {
            gradient.setFlat(i, stencil(point, i, h, f, valueAtPoint, null, null).centralDifference());
        }
        f.value();
        return gradient;
    }

    /**
     * Compares {@code analytic}, the backward pass's dF/d(point), with central differences of a
     * black-box f, element by element; kinks are inferred from f's values ({@link Difference#CENTRAL}).
     * f must read {@code point} afresh on every call; the elements are perturbed in place and
     * restored exactly.
     */
    public TensorCheck checkTensor(String name, Matrix point, Matrix analytic, ScalarFunction f, Coverage coverage) {
        return compare(name, point, analytic, f, null, coverage);
    }

    /**
     * Compares {@code analytic} with five-point differences of f, element by element, where
     * {@code kinked} lists every operation with kinks that f runs through, in any order (empty
     * when f is smooth): an element is a kink exactly when one of them reports an input crossing
     * its non-differentiable point within the stencil ({@link Difference#FIVE_POINT}). Every
     * operation of f not listed must be smooth.
     */
    public TensorCheck checkTensor(String name, Matrix point, Matrix analytic, ScalarFunction f,
                                   List<? extends Kinked> kinked, Coverage coverage) {
        return compare(name, point, analytic, f, List.copyOf(kinked), coverage);
    }

    /** Both forms of {@link #checkTensor}; {@code kinked} is null for a black box. */
    private TensorCheck compare(String name, Matrix point, Matrix analytic, ScalarFunction f, List<Kinked> kinked,
                                Coverage coverage) {
        if (!analytic.hasShape(point.rows(), point.cols())) {
            throw new IllegalArgumentException("the analytic gradient of " + name + " must be " + point.shape()
                    + ", got " + analytic.shape());
        }
        Precision precision = point.precision();
        Difference difference = kinked == null ? Difference.CENTRAL : Difference.FIVE_POINT;
        double h = step(difference, precision);
        Tolerances limits = tolerances(precision);
        double valueAtPoint = f.value();
        List<BitSet> sidesAtPoint = kinked == null ? null : kinkSides(kinked);
        List<ElementCheck> checks = new ArrayList<>();
        for (int i : elementsToCheck(name, point.size(), coverage)) {
            int row = i / point.cols();
            int col = i % point.cols();
            Stencil stencil = stencil(point, i, h, f, valueAtPoint, kinked, sidesAtPoint);
            ElementCheck check = judge(row, col, analytic.getFlat(i), stencil, h, difference, limits, precision);
            // tag::recheck[]
            if (check.verdict() == Verdict.FAIL && difference == Difference.FIVE_POINT) {
                // A five-point failure may be the step's own truncation, h⁴·f⁽⁵⁾/480, where f changes
                // on the scale of h: binary cross-entropy of a probability of 0.026 is off by 8e-7
                // relative at h = 2⁻⁹. A quarter of the step cuts truncation 256 times (to 3e-9 there)
                // and raises round-off only 4 times; a wrong gradient fails at both steps.
                Stencil closer = stencil(point, i, h / 4, f, valueAtPoint, kinked, sidesAtPoint);
                check = judge(row, col, analytic.getFlat(i), closer, h / 4, difference, limits, precision);
            }
            // end::recheck[]
            checks.add(check);
        }
        f.value();
        return new TensorCheck(name, point.rows(), point.cols(), checks, limits);
    }

    /**
     * f at θ − h, θ − h/2, θ, θ + h/2, θ + h for element i, which is then restored, and the kink
     * sides of the operations in {@code kinked} at each point (none when it is null). At θ itself
     * f is not evaluated again: its value and sides were read once for the whole tensor.
     */
    private static Stencil stencil(Matrix point, int i, double h, ScalarFunction f, double valueAtPoint,
                                   List<Kinked> kinked, List<BitSet> sidesAtPoint) {
        double original = point.getFlat(i);
        double[] requested = {-h, -h / 2, 0, h / 2, h};
        double[] offsets = new double[5];
        double[] values = new double[5];
        List<List<BitSet>> sides = new ArrayList<>();
        try {
            for (int k = 0; k < 5; k++) {
                if (k == 2) {
                    values[k] = valueAtPoint;
                } else {
                    point.setFlat(i, original + requested[k]);
                    offsets[k] = point.getFlat(i) - original;
                    values[k] = f.value();
                }
                if (kinked != null) {
                    sides.add(k == 2 ? sidesAtPoint : kinkSides(kinked));
                }
            }
        } finally {
            point.setFlat(i, original);
        }
        for (int k = 0; k < 4; k++) {
            if (!(offsets[k] < offsets[k + 1])) {
                throw new IllegalArgumentException("the step h = " + h + " is too small for the element "
                        + original + " in " + point.precision() + ": θ ± h/2 rounds to θ");
            }
        }
        return new Stencil(offsets, values, sides);
    }

    private static List<BitSet> kinkSides(List<Kinked> kinked) {
        return kinked.stream().map(Kinked::kinkSides).toList();
    }

    // tag::judge[]
    private ElementCheck judge(int row, int col, double analytic, Stencil stencil, double h, Difference difference,
                               Tolerances limits, Precision precision) {
        double numeric = difference.derivative(stencil);
        // With the operations' reports, kinks are known exactly; a black box is judged from its values.
        double jump = difference == Difference.CENTRAL ? stencil.slopeJump() : Double.NaN;
        boolean kink = difference == Difference.CENTRAL
                ? isKink(numeric, jump, stencil, limits, precision)
                : stencil.crossesKink();
        Verdict verdict;
        if (kink) {
            verdict = Verdict.KINK;
        } else if (limits.exceededBy(Tolerances.relativeError(analytic, numeric),
                Tolerances.absoluteError(analytic, numeric))) {
            verdict = Verdict.FAIL;
        } else {
            verdict = Verdict.PASS;
        }
        return new ElementCheck(row, col, analytic, numeric, h, jump, verdict);
    }
    // end::judge[]

    /**
     * Whether a non-differentiable point (a ReLU input crossing 0, the clamp of binary
     * cross-entropy, any max) lies within h of the element, judged from f alone — never from the
     * analytic gradient, so that a wrong backward pass cannot pass itself off as a kink.
     *
     * <p>The {@link Stencil#slopeJump} bounds how far a kink can move the central difference. The
     * element is a kink when that jump, taken as an error, would by itself fail the element (both
     * tolerances exceeded) and stands clear of round-off ({@link #roundOffAllowance}). A kink too
     * small to matter is not reported, and the element is compared as usual.
     *
     * <p>The limit of five points: curvature leaves a jump of (h/2)²·f''', 1.5 times the central
     * difference's own truncation error, and a cubic can match a kink at some positions exactly.
     * With the default step that is about 1e-11·f''' and never mistaken for a kink; with a step
     * so large that truncation nearly fails the element, smooth elements are reported as kinks —
     * still not as passes.
     */
    private static boolean isKink(double numeric, double jump, Stencil stencil, Tolerances limits,
                                  Precision precision) {
        double roundOff = roundOffAllowance(precision) * machineEpsilon(precision) * stencil.largestMagnitude()
                / stencil.halfWidth();
        double relativeJump = jump / Math.max(2 * Math.abs(numeric), Tolerances.TINY);
        return jump > roundOff && limits.exceededBy(relativeJump, jump);
    }

    /** All indices, or a seeded sample of them in increasing order. */
    // tag::sampling[]
    private int[] elementsToCheck(String name, int size, Coverage coverage) {
        int[] indices = IntStream.range(0, size).toArray();
        if (coverage == Coverage.EVERY_ELEMENT || samples == ALL || samples >= size) {
            return indices;
        }
        Random random = new Random(seed * 31 + name.hashCode());
        for (int k = 0; k < samples; k++) { // a partial Fisher–Yates shuffle: the first k are a uniform sample
            int j = k + random.nextInt(size - k);
            int swap = indices[k];
            indices[k] = indices[j];
            indices[j] = swap;
        }
        int[] chosen = Arrays.copyOf(indices, samples);
        Arrays.sort(chosen);
        return chosen;
    }
    // end::sampling[]

    // ---- layers, losses, networks ----

    /**
     * Checks a layer's input gradient and every parameter gradient against f = Σ forward(x) ⊙ G,
     * with G a seeded Gaussian upstream gradient of the output's shape: cs231n's
     * {@code eval_numerical_gradient_array}. A random G, rather than all ones, makes every output
     * element count with its own weight, so a gradient that mixes up elements cannot agree by
     * symmetry.
     */
    // tag::check-layer[]
    public GradientReport checkLayer(Layer layer, Matrix x) {
        Matrix upstream = gaussianLike(layer.forward(x), new Random(seed));
        Matrix inputGradient = layer.backward(upstream).copy();
        List<Matrix> parameterGradients = gradientCopies(layer.parameters());
        ScalarFunction f = () -> weightedSum(layer.forward(x), upstream);
        List<Kinked> kinked = kinkedAmong(Stream.of(layer));

        List<TensorCheck> tensors = new ArrayList<>();
        tensors.add(checkTensor("X", x, inputGradient, f, kinked, Coverage.SAMPLED));
        tensors.addAll(checkParameters(layer.parameters(), parameterGradients, f, kinked));
        return report(layer.describe() + " (f = Σ forward(X) ⊙ G, G random), batch " + x.rows(), x.precision(),
                tensors);
    }
    // end::check-layer[]

    /** Checks a loss's gradient with respect to its predictions. */
    public GradientReport checkLoss(Loss loss, Matrix predictions, Matrix targets) {
        loss.forward(predictions, targets);
        Matrix gradient = loss.backward().copy();
        ScalarFunction f = () -> loss.forward(predictions, targets);
        TensorCheck check = checkTensor("predictions", predictions, gradient, f, kinkedAmong(Stream.of(loss)),
                Coverage.SAMPLED);
        return report(loss.describe() + ", batch " + predictions.rows(), predictions.precision(), List.of(check));
    }

    /**
     * Checks layers followed by a loss, as a network without L2 would run them: the input X and
     * every parameter of every layer, against f = loss(layers(X), targets). For an output
     * activation with its loss (sigmoid + MSE), or a network assembled by hand.
     */
    public GradientReport checkStack(List<Layer> layers, Loss loss, Matrix x, Matrix targets) {
        ScalarFunction f = () -> loss.forward(forwardThrough(layers, x), targets);
        f.value();
        Matrix gradient = loss.backward();
        for (int i = layers.size() - 1; i >= 0; i--) {
            gradient = layers.get(i).backward(gradient);
        }
        Matrix inputGradient = gradient.copy();
        List<Parameter> parameters = layers.stream().flatMap(l -> l.parameters().stream()).toList();
        List<Matrix> parameterGradients = gradientCopies(parameters);
        List<Kinked> kinked = kinkedAmong(Stream.concat(layers.stream(), Stream.of(loss)));

        List<TensorCheck> tensors = new ArrayList<>();
        tensors.add(checkTensor("X", x, inputGradient, f, kinked, Coverage.SAMPLED));
        tensors.addAll(checkParameters(parameters, parameterGradients, f, kinked));
        String title = String.join(" → ", layers.stream().map(Layer::describe).toList())
                + (layers.isEmpty() ? "" : " → ") + loss.describe() + ", batch " + x.rows();
        return report(title, x.precision(), tensors);
    }

    /**
     * Checks a whole network: the input X and every parameter (W1, b1, W2, b2) against
     * f = {@link Network#loss}, the data loss plus (λ/2)·Σ‖W‖², with the analytic gradients of
     * {@link Network#lossAndGradients}. A network in training ({@link Network#startTraining})
     * draws its dropout masks in that first pass and then holds them: with a new mask for every
     * evaluation, f would be a different function each time and no difference would mean anything.
     */
    public GradientReport checkNetwork(Network network, Matrix x, Matrix targets) {
        network.lossAndGradients(x, targets, true);
        network.holdDropoutMasks();
        Matrix inputGradient = network.inputGradient().copy();
        List<Matrix> parameterGradients = gradientCopies(network.parameters());
        ScalarFunction f = () -> network.loss(x, targets);
        // The L2 penalty is smooth: only the layers and the loss can have kinks.
        List<Kinked> kinked = kinkedAmong(Stream.concat(network.layers().stream(), Stream.of(network.lossFunction())));

        List<TensorCheck> tensors = new ArrayList<>();
        tensors.add(checkTensor("X", x, inputGradient, f, kinked, Coverage.SAMPLED));
        tensors.addAll(checkParameters(network.parameters(), parameterGradients, f, kinked));
        String title = "network " + network.spec().describe() + ", L2 λ = " + network.spec().l2()
                + ", batch " + x.rows();
        return report(title, network.precision(), tensors);
    }

    // tag::check-parameters[]
    private List<TensorCheck> checkParameters(List<Parameter> parameters, List<Matrix> gradients, ScalarFunction f,
                                              List<Kinked> kinked) {
        List<TensorCheck> checks = new ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            // Biases are not decayed and are small: check every unit's bias whatever the sample size.
            Coverage coverage = parameter.decays() ? Coverage.SAMPLED : Coverage.EVERY_ELEMENT;
            checks.add(checkTensor(parameter.name(), parameter.value(), gradients.get(p), f, kinked, coverage));
        }
        return checks;
    }
    // end::check-parameters[]

    private GradientReport report(String title, Precision precision, List<TensorCheck> tensors) {
        List<String> warnings = new ArrayList<>();
        if (precision == Precision.FLOAT32) {
            // As PyTorch's gradcheck warns when its inputs are not double precision.
            warnings.add(String.format(Locale.ROOT, "warning: this check ran in float32, where numerical differences keep"
                    + " only about 3 significant digits; tolerances are loosened to %s. Check in float64 for a"
                    + " verdict (--precision float64).", tolerances(precision)));
        }
        // Layers, losses and networks know their kinks: their tensors are all checked by five-point differences.
        Difference difference = Difference.FIVE_POINT;
        return new GradientReport(title, precision, difference, step(difference, precision), tolerances(precision),
                tensors, warnings);
    }

    /** Those of the operations (layers, a loss) that have kinks, in order. */
    private static List<Kinked> kinkedAmong(Stream<?> operations) {
        return operations.filter(Kinked.class::isInstance).map(Kinked.class::cast).toList();
    }

    // ---- helpers ----

    private static List<Matrix> gradientCopies(List<Parameter> parameters) {
        return parameters.stream().map(p -> p.gradient().copy()).toList();
    }

    private static Matrix forwardThrough(List<Layer> layers, Matrix x) {
        Matrix activations = x;
        for (Layer layer : layers) {
            activations = layer.forward(activations);
        }
        return activations;
    }

    /** A matrix of the shape and precision of {@code like}, with standard normal entries. */
    static Matrix gaussianLike(Matrix like, Random random) {
        Matrix m = like.zerosLike(like.rows(), like.cols());
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, random.nextGaussian());
        }
        return m;
    }

    /**
     * Σ a ⊙ g with Neumaier's compensated summation. Perturbing one input element changes only a
     * few of the terms; compensation keeps the rounding of all the others from adding noise to
     * the difference f(θ + h) − f(θ − h).
     */
    static double weightedSum(Matrix a, Matrix g) {
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < a.size(); i++) {
            sum.add(a.getFlat(i) * g.getFlat(i));
        }
        return sum.value();
    }
}
