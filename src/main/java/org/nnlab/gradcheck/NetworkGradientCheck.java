package org.nnlab.gradcheck;

import java.util.Random;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.TargetEncoding;
import org.nnlab.random.SplitMix64;

/**
 * A whole network checked at a random point, as {@code nnlab gradcheck} does: the network is
 * created in float32 exactly as training creates it, then copied into float64 by
 * {@link Network#withPrecision} (the same layer code) unless the check is asked to run in float32.
 * The network is in training, so that its dropout layers, if any, drop units (with one mask, held
 * for the whole check).
 *
 * @param network the network to check, in the check's precision
 * @param x       a batch of inputs, N×D
 * @param targets targets in the output's own encoding (one-hot 0/1, or ±1 for tanh), N×C
 */
public record NetworkGradientCheck(Network network, Matrix x, Matrix targets) {

    /**
     * A network of the spec with weights drawn by its initialisation, biases drawn too (zero
     * biases, as training starts with, would check only that special point), standard normal
     * inputs and random labels, all from one seed.
     */
    public static NetworkGradientCheck create(NetworkSpec spec, int batchSize, Precision precision, long seed) {
        Random random = new Random(seed);
        Network trained = Network.create(spec, Precision.FLOAT32, random);
        for (Parameter p : trained.parameters()) {
            if (!p.decays()) {
                fillGaussian(p.value(), 0.1, random);
            }
        }
        Matrix x = Matrix.zeros(Precision.FLOAT32, batchSize, spec.inputs());
        fillGaussian(x, 1, random);
        Matrix targets = randomTargets(spec, batchSize, random);
        Network checked = trained.withPrecision(precision);
        // In training, so that dropout (if the spec has any) is checked with a mask, drawn from the seed.
        checked.startTraining(new SplitMix64(seed)::nextLong);
        return new NetworkGradientCheck(checked, x.toPrecision(precision), targets.toPrecision(precision));
    }

    /** Runs the check with the given checker. */
    public GradientReport run(GradientChecker checker) {
        return checker.checkNetwork(network, x, targets);
    }

    private static Matrix randomTargets(NetworkSpec spec, int batchSize, Random random) {
        TargetEncoding encoding = spec.outputLoss().defaultTargets();
        Matrix targets = Matrix.zeros(Precision.FLOAT32, batchSize, spec.outputs());
        for (int n = 0; n < batchSize; n++) {
            if (spec.outputs() == 1) { // one yes/no output: the label is the answer itself
                targets.set(n, 0, random.nextBoolean() ? encoding.on() : encoding.off());
            } else {
                encoding.encode(random.nextInt(spec.outputs()), targets, n);
            }
        }
        return targets;
    }

    private static void fillGaussian(Matrix m, double std, Random random) {
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, std * random.nextGaussian());
        }
    }
}
