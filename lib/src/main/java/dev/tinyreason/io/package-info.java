/**
 * Files the library writes so that a crash never leaves half of one: checkpoints, weights and
 * training logs go through {@link dev.tinyreason.io.AtomicFiles} (a temporary name, a flush to
 * the disk, one rename).
 */
package dev.tinyreason.io;
