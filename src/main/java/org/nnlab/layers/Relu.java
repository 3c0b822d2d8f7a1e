package org.nnlab.layers;

import java.util.BitSet;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * The rectified linear unit, element-wise.
 *
 * <pre>
 *   forward:   A  = max(Z, 0)                               eq. (2.7)
 *   backward:  dZ = dA ⊙ relu'(Z) = dA ⊙ 1[Z &gt; 0]         eqs. (4.5), (4.6)
 * </pre>
 *
 * The derivative is 1 where Z &gt; 0 and 0 elsewhere; at Z = 0 exactly nnlab takes 0, a valid
 * subgradient. The backward pass needs Z, so that is what forward keeps.
 */
public class Relu implements Layer, Kinked {
    private Matrix z;
    private Matrix a;
    private Matrix dZ;

    @Override
    // tag::forward[]
    public Matrix forward(Matrix z) {
        this.z = z;
        a = Matrix.reuse(a, z.precision(), z.rows(), z.cols());
        MatrixOps.relu(z, a);
        return a;
    }

    /**
     * A = max(Z + b, 0), adding the row vector b to Z in place in the same pass: the bias of the
     * Linear layer before and this ReLU, reading Z once instead of twice. Z then holds X·W + b,
     * exactly what the Linear layer's forward would have produced, and is kept for backward.
     */
    public Matrix forwardAddingBias(Matrix z, Matrix bias) {
        this.z = z;
        a = Matrix.reuse(a, z.precision(), z.rows(), z.cols());
        MatrixOps.addRowVectorRelu(z, bias, a);
        return a;
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward(Matrix dA) {
        // tag::lab-relu[]
        // dZ = dA ⊙ relu'(Z) with relu'(z) = 1 for z > 0, else 0 (eqs. 4.5, 4.6): dA where Z > 0, 0
        // elsewhere. A kernel of its own does it ten times as fast as MatrixOps.zip with this rule as
        // a lambda, which would cost a training step about 5%.
        dZ = Matrix.reuse(dZ, dA.precision(), dA.rows(), dA.cols());
        MatrixOps.keepWherePositive(dA, z, dZ);
        return dZ;
        // end::lab-relu[]
    }
    // end::backward[]

    /** Bit i is [Zᵢ &gt; 0] of the last forward pass: how the gradient checker finds kinks exactly. */
    @Override
    // tag::kink-sides[]
    public BitSet kinkSides() {
        BitSet positive = new BitSet(z.size());
        for (int i = 0; i < z.size(); i++) {
            if (z.getFlat(i) > 0) {
                positive.set(i);
            }
        }
        return positive;
    }
    // end::kink-sides[]

    @Override
    public String describe() {
        return "ReLU";
    }
}
