package dev.switchboard.kernel;

/**
 * The consumer index of {@link BoundedRing}, padded on both sides so that producers CASing the tail
 * and consumers CASing the head never write the same cache line: the mailbox hand-off benchmark
 * was unstable and 6x slower with the two indices side by side. Field layout follows the class
 * hierarchy, which is why the padding is inheritance rather than {@code @Contended} (which needs a
 * JVM flag).
 */
abstract class BoundedRingHead {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16;
    /** Written by CAS through a VarHandle only. */
    volatile long head;
    long p20, p21, p22, p23, p24, p25, p26, p27;
    long p30, p31, p32, p33, p34, p35, p36;
}
