/**
 * Data augmentation: the training images distorted as each minibatch is drawn, so that the network
 * never sees the same picture twice. {@link org.nnlab.augment.Augmentation} says which distortions
 * ({@code --augment}); {@link org.nnlab.augment.ImageDistorter} applies them to one image: a random
 * affine map within {@link org.nnlab.augment.AffineRanges}, Simard's elastic distortion
 * ({@link org.nnlab.augment.ElasticSettings}: a random {@link org.nnlab.augment.DisplacementField}
 * smoothed by a separable {@link org.nnlab.augment.GaussianBlur}), and left-right flips, each image
 * resampled with bilinear interpolation. Every random number comes from the generator it is given.
 *
 * <p>May use: {@code random}.
 */
package org.nnlab.augment;
