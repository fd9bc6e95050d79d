package org.deepchrome.binsignals;

import com.intel.gkl.compression.IntelInflater;
import com.intel.gkl.compression.IntelInflaterFactory;
import htsjdk.samtools.util.BlockGunzipper;
import htsjdk.samtools.util.zip.InflaterFactory;
import org.deepchrome.core.BadInputException;

import java.util.Locale;
import java.util.zip.Inflater;

/**
 * Chooses the inflater htsjdk uses for BGZF blocks. Inflating is most of the cost of reading a
 * BAM (docs/benchmarks.md), and Intel GKL's ISA-L inflater does it about twice as fast as the
 * JDK's zlib, so it is used wherever its native library loads (Linux x86-64: GKL unpacks it
 * from its jar into java.io.tmpdir). Where it cannot load (another platform, a noexec tmpdir)
 * the JDK's inflater is used, silently: the output is the same, only slower.
 *
 * <p>{@code DEEPCHROME_INFLATER=java} (or {@code -Ddeepchrome.inflater=java}) forces the JDK's
 * inflater; {@code auto}, the default, tries GKL first.
 */
final class Inflaters {
    static final String PROPERTY = "deepchrome.inflater";
    static final String ENVIRONMENT = "DEEPCHROME_INFLATER";
    private static final String COMMONS_LOG = "org.apache.commons.logging.Log";

    /** The inflater in use. */
    enum Kind { INTEL_GKL, JAVA }

    private static Boolean gklLoads;

    private Inflaters() {
    }

    /** Sets htsjdk's default inflater factory as the environment asks; returns what is used. */
    static synchronized Kind install() {
        String wanted = System.getProperty(PROPERTY, System.getenv().getOrDefault(ENVIRONMENT, "auto"));
        Kind kind = switch (wanted.toLowerCase(Locale.ROOT)) {
            case "java" -> Kind.JAVA;
            case "auto", "" -> gklLoads() ? Kind.INTEL_GKL : Kind.JAVA;
            default -> throw new BadInputException(ENVIRONMENT + "=" + wanted
                    + ": must be auto or java");
        };
        BlockGunzipper.setDefaultInflaterFactory(kind == Kind.INTEL_GKL ? new PerThreadIntel() : new InflaterFactory());
        return kind;
    }

    /**
     * Whether GKL's native library loads here; tried once. GKL's own log lines ("Loading ... from
     * jar", on stderr through commons-logging) are muted by giving commons-logging its no-op log,
     * unless the user chose a log: cheaper than muting them in java.util.logging, whose set-up
     * alone costs ~25 ms of a run. (The only other commons-logging user here is JEXL, for
     * htsjdk's VCF filters, which bin-signals does not use.)
     */
    private static boolean gklLoads() {
        if (gklLoads == null) {
            if (System.getProperty(COMMONS_LOG) == null) {
                System.setProperty(COMMONS_LOG, "org.apache.commons.logging.impl.NoOpLog");
            }
            try {
                gklLoads = new IntelInflaterFactory().usingIntelInflater(); // loads the library
            } catch (LinkageError | RuntimeException e) {
                gklLoads = false;
            }
        }
        return gklLoads;
    }

    /**
     * One GKL inflater per thread, reused by every BGZF stream that thread opens. Why: an
     * IntelInflater holds native state that only {@code end()} frees, and htsjdk never ends
     * the inflaters it makes, so one per stream (one per BAM piece here) would leak. Sharing
     * within a thread is safe because htsjdk resets the inflater at the start of every block
     * and inflates the block in the same call.
     */
    private static final class PerThreadIntel extends InflaterFactory {
        private static final ThreadLocal<IntelInflater> INFLATER = ThreadLocal.withInitial(() -> new IntelInflater(true));

        @Override
        public Inflater makeInflater(boolean nowrap) {
            return nowrap ? INFLATER.get() : new Inflater(false); // GKL inflates raw deflate only
        }
    }
}
