package org.deepchrome.model;

import org.deepchrome.model.kernel.Sgemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Settings of the native ND4J backend and the versions of the learning libraries in use. */
public final class NativeRuntime {
    private static volatile int threads = 1;
    private static boolean nativeLoaded; // guarded by NativeRuntime.class

    private NativeRuntime() {
    }

    /**
     * Single precision everywhere and at most {@code threads} threads: ND4J's native threads
     * (and oneDNN's, which share its OpenMP runtime) on the calling thread, and the CNN
     * inference workers. ND4J itself is loaded only by {@link #loadNative} (the CNN paths):
     * its start costs seconds of CPU that a baseline model or a usage error never needs.
     */
    public static void configure(int threads) {
        NativeRuntime.threads = Math.max(1, threads);
        synchronized (NativeRuntime.class) {
            if (nativeLoaded) {
                applyToNative();
            }
        }
    }

    /** Loads ND4J and oneDNN with the configured settings, once; call before their first use. */
    public static synchronized void loadNative() {
        if (!nativeLoaded) {
            applyToNative();
            nativeLoaded = true;
        }
    }

    private static void applyToNative() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Sgemm.setThreads(threads);
    }

    /** The thread count set by {@link #configure} (1 until then). */
    public static int threads() {
        return threads;
    }

    /** Versions of DL4J, ND4J and Tribuo, read from the jars' Maven metadata. */
    public static Map<String, String> libraryVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("deeplearning4j-nn", version("org.deeplearning4j", "deeplearning4j-nn"));
        v.put("nd4j-native", version("org.nd4j", "nd4j-native"));
        v.put("onednn", version("org.bytedeco", "dnnl"));
        v.put("tribuo", version("org.tribuo", "tribuo-core"));
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    private static String version(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = NativeRuntime.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
