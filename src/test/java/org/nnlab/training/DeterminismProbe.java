package org.nnlab.training;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.nnlab.layers.Parameter;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.preprocessing.Examples;

/**
 * A child-JVM program for {@link SameSeedAcrossJvmsTest}: trains a small network with a fixed seed
 * and prints one line, the SHA-256 of every trained weight's bits. Two JVMs that print the same line
 * trained bit-identical networks.
 */
public final class DeterminismProbe {
    private DeterminismProbe() {
    }

    /** args[0]: the warm-up epochs to run first (0 for none); args[1], optional: "augmented". */
    public static void main(String[] args) throws NoSuchAlgorithmException {
        // A long throw-away run first, so that under C2 the kernels are compiled, with their vector
        // intrinsics, before the run that counts (as in a real multi-epoch training). A short run
        // alone would finish before C2 compiles anything.
        warmUp(Integer.parseInt(args[0]));
        boolean augmented = args.length > 1 && args[1].equals("augmented");
        System.out.println(fingerprint(augmented ? trainAugmentedNetwork(3) : trainSmallNetwork(3)));
    }

    /** As {@link #trainSmallNetwork}, over 8×8 "images", with dropout and affine + elastic augmentation. */
    static Network trainAugmentedNetwork(int epochs) {
        NetworkSpec spec = TrainingRuns.softmaxSpec(64, 48, 10).withDropout(0.3, 0.1);
        Examples.Split split = SyntheticProblems.blobs(600, 64, 10, 5).split(100, 5);
        TrainingConfig config = TrainingConfig.sgd(epochs, 32, 0.1, 0.9, 11).toBuilder()
                .augmentation(org.nnlab.augment.Augmentation.parse("affine+elastic")).build();
        Network network = TrainingRuns.network(spec, config.seed());
        new Trainer(config).train(network, split.train(), split.validation(), TrainingListener.SILENT);
        return network;
    }

    /** Sizes above the vector lane count, so the vector matmul, softmax and update paths all run. */
    static Network trainSmallNetwork(int epochs) {
        NetworkSpec spec = TrainingRuns.softmaxSpec(40, 48, 10);
        Examples.Split split = SyntheticProblems.blobs(600, 40, 10, 5).split(100, 5);
        TrainingConfig config = TrainingConfig.sgd(epochs, 32, 0.1, 0.9, 11);
        Network network = TrainingRuns.network(spec, config.seed());
        new Trainer(config).train(network, split.train(), split.validation(), TrainingListener.SILENT);
        return network;
    }

    /** Many small steps: C2 compiles a method after some 10,000 calls, whatever their size. */
    private static void warmUp(int epochs) {
        if (epochs == 0) {
            return;
        }
        NetworkSpec spec = TrainingRuns.softmaxSpec(40, 48, 10);
        Examples examples = SyntheticProblems.blobs(2000, 40, 10, 7);
        TrainingConfig config = TrainingConfig.sgd(epochs, 4, 0.01, 1.0, 3);
        new Trainer(config).train(TrainingRuns.network(spec, 3), examples, examples.subset(new int[] {0}),
                TrainingListener.SILENT);
    }

    static String fingerprint(Network network) throws NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        ByteBuffer bits = ByteBuffer.allocate(Long.BYTES);
        for (Parameter parameter : network.parameters()) {
            sha256.update(parameter.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (int i = 0; i < parameter.value().size(); i++) {
                bits.clear();
                bits.putLong(Double.doubleToRawLongBits(parameter.value().getFlat(i)));
                sha256.update(bits.array());
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
