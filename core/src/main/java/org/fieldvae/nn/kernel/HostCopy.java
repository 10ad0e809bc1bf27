package org.fieldvae.nn.kernel;

import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The host copy of an ND4J array, which the plain-Java code reads and writes through NIO views. */
public final class HostCopy {
    private HostCopy() {
    }

    /**
     * After a write through an NIO view of an array: on a GPU backend that view is the host copy, which is tagged
     * here as the newest, so that the next op on the device copies it back (ND4J's CudaAffinityManager ticks the
     * allocation point's host write). On the CPU backend this is a no-op. Reasoned from ND4J's classes, not run here.
     *
     * @param a the array written, not modified
     */
    public static void written(INDArray a) {
        Nd4j.getAffinityManager().tagLocation(a, AffinityManager.Location.HOST);
    }
}
